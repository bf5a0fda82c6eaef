import { email, fails, ok, password, personName } from './fixtures';
import { buildMemoryApp } from '../../support/memory-app';

const alice = {
  email: email('Alice@Example.com'),
  password: password('correct horse battery'),
  name: personName('Alice'),
};

describe('auth use cases', () => {
  it('signing up stores a normalized email and returns a working access token', async () => {
    const { app } = buildMemoryApp();
    const session = await ok(app.auth.signUp(alice));
    expect(session.user.email).toBe('alice@example.com');
    await expect(ok(app.auth.authenticate(session.accessToken))).resolves.toEqual({ userId: session.user.id });
  });

  it('signing up twice with the same email in another case is a conflict', async () => {
    const { app } = buildMemoryApp();
    await ok(app.auth.signUp(alice));
    const error = await fails(app.auth.signUp({ ...alice, email: email('ALICE@example.com') }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'email_taken' });
  });

  it('a wrong password and an unknown email fail the same way', async () => {
    const { app } = buildMemoryApp();
    await ok(app.auth.signUp(alice));
    const wrong = await fails(app.auth.logIn({ email: 'alice@example.com', password: 'not the password' }));
    const unknown = await fails(app.auth.logIn({ email: 'bob@example.com', password: 'correct horse battery' }));
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ kind: 'unauthenticated', code: 'invalid_credentials' });
  });

  it('logging in accepts the email in any case', async () => {
    const { app } = buildMemoryApp();
    const signedUp = await ok(app.auth.signUp(alice));
    const session = await ok(app.auth.logIn({ email: '  ALICE@example.COM ', password: 'correct horse battery' }));
    expect(session.user.id).toBe(signedUp.user.id);
  });

  it('a refresh rotates the token and the new one keeps working', async () => {
    const { app } = buildMemoryApp();
    const first = await ok(app.auth.signUp(alice));
    const second = await ok(app.auth.refresh(first.refreshToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await ok(app.auth.refresh(second.refreshToken));
    expect(third.user.id).toBe(first.user.id);
  });

  it('replaying a used refresh token revokes its whole family', async () => {
    const { app } = buildMemoryApp();
    const first = await ok(app.auth.signUp(alice));
    const second = await ok(app.auth.refresh(first.refreshToken));
    const replay = await fails(app.auth.refresh(first.refreshToken));
    expect(replay).toMatchObject({ kind: 'unauthenticated', code: 'refresh_reused' });
    const afterRevocation = await fails(app.auth.refresh(second.refreshToken));
    expect(afterRevocation).toMatchObject({ kind: 'unauthenticated', code: 'invalid_refresh' });
  });

  it("a reuse in one family leaves the user's other sessions alone", async () => {
    const { app } = buildMemoryApp();
    const laptop = await ok(app.auth.signUp(alice));
    const phone = await ok(app.auth.logIn({ email: 'alice@example.com', password: 'correct horse battery' }));
    await ok(app.auth.refresh(laptop.refreshToken));
    await fails(app.auth.refresh(laptop.refreshToken));
    await expect(ok(app.auth.refresh(phone.refreshToken))).resolves.toMatchObject({ user: { id: phone.user.id } });
  });

  it('an expired refresh token is refused', async () => {
    const { app, clock } = buildMemoryApp({ refreshTokenTtlSeconds: 60 });
    const session = await ok(app.auth.signUp(alice));
    clock.advance(61_000);
    const error = await fails(app.auth.refresh(session.refreshToken));
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'refresh_expired' });
  });

  it('an access token stops working once its lifetime has passed', async () => {
    const { app, clock } = buildMemoryApp({ accessTokenTtlSeconds: 900 });
    const session = await ok(app.auth.signUp(alice));
    clock.advance(899_000);
    await expect(ok(app.auth.authenticate(session.accessToken))).resolves.toEqual({ userId: session.user.id });
    clock.advance(2_000);
    const error = await fails(app.auth.authenticate(session.accessToken));
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'token_expired' });
  });

  it('a token signed with another secret is invalid', async () => {
    const issuer = buildMemoryApp({ jwtSecret: 'one-secret-that-is-at-least-32-bytes-long' });
    const verifier = buildMemoryApp({ jwtSecret: 'another-secret-that-is-at-least-32-bytes' });
    const session = await ok(issuer.app.auth.signUp(alice));
    const error = await fails(verifier.app.auth.authenticate(session.accessToken));
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'invalid_token' });
  });

  it('an unsigned token (alg none) is invalid', async () => {
    const { app } = buildMemoryApp();
    const session = await ok(app.auth.signUp(alice));
    const [, payload] = session.accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const error = await fails(app.auth.authenticate(`${header}.${payload}.`));
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'invalid_token' });
  });

  it('logging out revokes the refresh token and tolerates unknown tokens', async () => {
    const { app } = buildMemoryApp();
    const session = await ok(app.auth.signUp(alice));
    await ok(app.auth.logOut(session.refreshToken));
    await ok(app.auth.logOut('never-issued'));
    await ok(app.auth.logOut(null));
    const error = await fails(app.auth.refresh(session.refreshToken));
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'invalid_refresh' });
  });

  it('passwords are stored as argon2id hashes with the OWASP parameters', async () => {
    const { app, deps } = buildMemoryApp();
    await ok(app.auth.signUp(alice));
    const found = await ok(deps.users.findByEmail('alice@example.com'));
    const hash = found._tag === 'Some' ? found.value.passwordHash : '';
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('updating settings changes only the given ones', async () => {
    const { app } = buildMemoryApp();
    const session = await ok(app.auth.signUp(alice));
    const actor = { userId: session.user.id };
    await ok(app.auth.updateSettings(actor, { email: { due: false } }));
    await ok(app.auth.updateSettings(actor, { dailyDigest: true }));
    const { user } = await ok(app.auth.me(actor));
    expect(user.settings).toEqual({
      email: { assigned: true, mentioned: true, comment: true, due: false, invited: true },
      digest: 'daily',
      timeZone: 'UTC',
    });
  });
});
