import * as E from 'fp-ts/Either';
import { applySettingsPatch, DEFAULT_SETTINGS, NotificationSettingsCodec } from '../../../src/domain';

const allOn = { assigned: true, mentioned: true, comment: true, due: true, invited: true };

describe('notification settings', () => {
  it('settings stored in the first shape are read as e-mail per kind plus a digest mode', () => {
    const decoded = NotificationSettingsCodec.decode({
      emailOnMention: false,
      emailOnAssignment: true,
      dailyDigest: true,
    });
    expect(decoded).toEqual(E.right({ email: { ...allOn, mentioned: false }, digest: 'daily', timeZone: 'UTC' }));
    expect(
      NotificationSettingsCodec.decode({ emailOnMention: true, emailOnAssignment: false, dailyDigest: false }),
    ).toEqual(E.right({ email: { ...allOn, assigned: false }, digest: 'immediately', timeZone: 'UTC' }));
  });

  it("settings in today's shape decode as they are, a kind missing from them taking its default", () => {
    const stored = { email: { ...allOn, comment: false }, digest: 'hourly', timeZone: 'Asia/Kolkata' };
    expect(NotificationSettingsCodec.decode(stored)).toEqual(E.right(stored));
    expect(NotificationSettingsCodec.decode({ email: { due: false }, digest: 'daily' })).toEqual(
      E.right({ email: { ...allOn, due: false }, digest: 'daily', timeZone: 'UTC' }),
    );
    expect(NotificationSettingsCodec.encode(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('anything else is not settings', () => {
    const badZone = { email: {}, digest: 'daily', timeZone: 'Mars/Olympus' };
    for (const bad of [null, {}, { email: {}, digest: 'weekly' }, badZone, { emailOnMention: 'yes' }, 'on']) {
      expect(E.isLeft(NotificationSettingsCodec.decode(bad))).toBe(true);
    }
  });

  it('a patch replaces what it names; the old keys map onto the new ones; the new keys win', () => {
    const current = { email: allOn, digest: 'hourly' as const, timeZone: 'Europe/Berlin' };
    expect(applySettingsPatch(current, { email: { comment: false } })).toEqual({
      email: { ...allOn, comment: false },
      digest: 'hourly',
      timeZone: 'Europe/Berlin',
    });
    expect(applySettingsPatch(current, { timeZone: 'America/Chicago' })).toEqual({
      ...current,
      timeZone: 'America/Chicago',
    });
    expect(applySettingsPatch(current, { emailOnMention: false, dailyDigest: true })).toEqual({
      email: { ...allOn, mentioned: false },
      digest: 'daily',
      timeZone: 'Europe/Berlin',
    });
    // Turning the old daily digest off leaves other digest modes alone.
    expect(applySettingsPatch(current, { dailyDigest: false }).digest).toBe('hourly');
    expect(applySettingsPatch({ ...current, digest: 'daily' }, { dailyDigest: false }).digest).toBe('immediately');
    expect(
      applySettingsPatch(current, {
        emailOnAssignment: false,
        email: { assigned: true },
        dailyDigest: true,
        digest: 'immediately',
      }),
    ).toEqual({ email: allOn, digest: 'immediately', timeZone: 'Europe/Berlin' });
  });
});
