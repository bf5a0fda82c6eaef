import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { unavailable } from '../../../src/domain';
import { makeApplication } from '../../../src/application/make-application';
import type { ControlMessage, Mailer } from '../../../src/application/ports';
import { buildMemoryApp } from '../../support/memory-app';
import { cheapHasher, email, fails, ok, password, personName } from './fixtures';

const tokenIn = (text: string): string => text.match(/token=([A-Za-z0-9_-]+)/)![1]!;

const world = async (mailer?: Mailer) => {
  const memory = buildMemoryApp({ passwords: cheapHasher() });
  const app = mailer ? makeApplication({ ...memory.deps, mailer }) : memory.app;
  const session = await ok(
    app.auth.signUp({
      email: email('ida@example.com'),
      password: password('the old passphrase'),
      name: personName('Ida'),
    }),
  );
  const heard: ControlMessage[] = [];
  memory.deps.control.onMessage((m) => heard.push(m));
  return { ...memory, app, session, heard };
};

describe('password reset use cases', () => {
  it('only the hash of the mailed token is stored', async () => {
    const { app, deps } = await world();
    await ok(app.account.requestPasswordReset({ email: email('ida@example.com') }));
    const token = tokenIn(deps.mailer.sent[0]!.text);

    expect(await ok(deps.users.findPasswordReset(token))).toEqual(O.none);
    expect(await ok(deps.users.findPasswordReset(deps.secrets.hash(token)))).toEqual(
      O.some(expect.objectContaining({ email: 'ida@example.com', usedAt: null })),
    );
  });

  it('the answer does not wait for the mail to be delivered', async () => {
    const sent: string[] = [];
    const stuck: Mailer = {
      send: (mail) => () => {
        sent.push(mail.to);
        return new Promise(() => undefined);
      },
    };
    const { app } = await world(stuck);
    await ok(app.account.requestPasswordReset({ email: email('ida@example.com') }));
    expect(sent).toEqual(['ida@example.com']);
  });

  it('a reset ends every session and tells every instance to close the sockets', async () => {
    const { app, deps, session, heard } = await world();
    await ok(app.account.requestPasswordReset({ email: email('ida@example.com') }));
    await ok(
      app.account.confirmPasswordReset({
        token: tokenIn(deps.mailer.sent[0]!.text),
        newPassword: password('the new passphrase'),
      }),
    );

    expect(heard).toContainEqual({ type: 'user.signed_out', userId: session.user.id });
    expect(await fails(app.auth.authenticate(session.accessToken))).toMatchObject({ code: 'token_revoked' });
    expect(await fails(app.auth.refresh(session.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('a limiter that cannot be reached refuses the request rather than let mail flood out', async () => {
    const memory = buildMemoryApp({ passwords: cheapHasher() });
    const app = makeApplication({
      ...memory.deps,
      rateLimiter: {
        take: () => TE.left(unavailable('Redis is down')),
        refund: () => TE.right(undefined),
      },
    });
    expect(await fails(app.account.requestPasswordReset({ email: email('ida@example.com') }))).toMatchObject({
      kind: 'unavailable',
    });
    expect(memory.deps.mailer.sent).toEqual([]);
  });
});
