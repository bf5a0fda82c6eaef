import type { ControlMessage } from '../../src/application/ports';
import { buildMemoryApp } from '../support/memory-app';
import { cheapHasher, email, fails, ok, password, personName } from '../unit/application/fixtures';

const PASSWORD = 'correct horse battery';

const signedUp = async () => {
  const world = buildMemoryApp({ passwords: cheapHasher() });
  const heard: ControlMessage[] = [];
  world.deps.control.onMessage((m) => heard.push(m));
  const session = await ok(
    world.app.auth.signUp({
      email: email('alice@example.com'),
      password: password(PASSWORD),
      name: personName('Alice'),
    }),
  );
  return { ...world, session, actor: { userId: session.user.id }, heard };
};

describe('ending sessions', () => {
  it('logging out makes the presented access token stop working at once', async () => {
    const { app, session } = await signedUp();
    const other = await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }));
    await ok(app.auth.logOut(session.refreshToken, session.accessToken));
    expect(await fails(app.auth.authenticate(session.accessToken))).toMatchObject({ code: 'token_revoked' });
    expect(await ok(app.auth.authenticate(other.accessToken))).toEqual({ userId: session.user.id });
  });

  it('logging out with an invalid access token still revokes the refresh token', async () => {
    const { app, session } = await signedUp();
    await ok(app.auth.logOut(session.refreshToken, 'not-a-jwt'));
    expect(await fails(app.auth.refresh(session.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('changing the password ends every session: access tokens, refresh tokens and sockets', async () => {
    const { app, session, actor, clock, heard } = await signedUp();
    const second = await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }));
    await ok(
      app.auth.changePassword(actor, { currentPassword: PASSWORD, newPassword: password('a brand new passphrase') }),
    );

    for (const s of [session, second]) {
      expect(await fails(app.auth.authenticate(s.accessToken))).toMatchObject({ code: 'token_revoked' });
      expect(await fails(app.auth.refresh(s.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
    }
    expect(heard).toContainEqual({ type: 'user.signed_out', userId: actor.userId });
    clock.advance(1000);
    const fresh = await ok(app.auth.logIn({ email: 'alice@example.com', password: 'a brand new passphrase' }));
    expect(await ok(app.auth.authenticate(fresh.accessToken))).toEqual(actor);
    expect(await fails(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }))).toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('a wrong current password changes nothing and ends no session', async () => {
    const { app, session, actor, heard } = await signedUp();
    const error = await fails(
      app.auth.changePassword(actor, { currentPassword: 'guess', newPassword: password('whatever it is') }),
    );
    expect(error).toMatchObject({ kind: 'validation', code: 'wrong_password' });
    expect(await ok(app.auth.authenticate(session.accessToken))).toEqual(actor);
    expect(heard).toEqual([]);
  });

  it('guessing the current password through a stolen session is throttled like logins', async () => {
    const { app, actor } = await signedUp();
    for (let i = 0; i < 10; i++) {
      await fails(
        app.auth.changePassword(actor, { currentPassword: `guess ${i}`, newPassword: password('whatever it is') }),
      );
    }
    const error = await fails(
      app.auth.changePassword(actor, { currentPassword: PASSWORD, newPassword: password('whatever it is') }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited' });
  });
});
