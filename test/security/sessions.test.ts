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

  it("logging out ends that session's access tokens too, even ones the request did not present", async () => {
    const { app, session } = await signedUp();
    const rotated = await ok(app.auth.refresh(session.refreshToken));
    await ok(app.auth.logOut(rotated.refreshToken));
    expect(await fails(app.auth.authenticate(session.accessToken))).toMatchObject({ code: 'token_revoked' });
    expect(await fails(app.auth.authenticate(rotated.accessToken))).toMatchObject({ code: 'token_revoked' });
  });

  it('logging out with only the bearer token ends its session: refresh token, access tokens and sockets', async () => {
    const { app, deps, clock, session, heard } = await signedUp();
    const other = await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }));
    await ok(app.auth.logOut(null, session.accessToken));

    expect(await fails(app.auth.refresh(session.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
    expect(await fails(app.auth.authenticate(session.accessToken))).toMatchObject({ code: 'token_revoked' });
    const { familyId } = await ok(deps.accessTokens.verify(session.accessToken, clock.now()));
    expect(heard).toEqual([{ type: 'session.revoked', userId: session.user.id, familyId }]);
    expect(await ok(app.auth.authenticate(other.accessToken))).toEqual({ userId: session.user.id });
    expect((await ok(app.auth.refresh(other.refreshToken))).user.id).toBe(session.user.id);
  });

  it("a revoked session's access tokens are refused until they expire, and the denial then lapses", async () => {
    const { app, deps, clock, session } = await signedUp();
    const claims = await ok(deps.accessTokens.verify(session.accessToken, clock.now()));
    await ok(app.auth.logOut(session.refreshToken));
    clock.advance(899_000);
    expect(await fails(app.auth.authenticate(session.accessToken))).toMatchObject({ code: 'token_revoked' });
    clock.advance(2_000);
    expect(await ok(deps.denylist.isDenied(claims))).toBe(false);
  });

  it('signing out everywhere ends every session of the user and closes their sockets, and only theirs', async () => {
    const { app, session, actor, clock, heard } = await signedUp();
    const second = await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }));
    const bob = await ok(
      app.auth.signUp({ email: email('bob@example.com'), password: password(PASSWORD), name: personName('Bob') }),
    );
    await ok(app.auth.signOutEverywhere(actor));

    for (const s of [session, second]) {
      expect(await fails(app.auth.authenticate(s.accessToken))).toMatchObject({ code: 'token_revoked' });
      expect(await fails(app.auth.refresh(s.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
    }
    expect(heard).toContainEqual({ type: 'user.signed_out', userId: actor.userId });
    expect(await ok(app.auth.authenticate(bob.accessToken))).toEqual({ userId: bob.user.id });
    clock.advance(1000);
    const fresh = await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD }));
    expect(await ok(app.auth.authenticate(fresh.accessToken))).toEqual(actor);
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
