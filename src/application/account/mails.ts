import type { OutboundMail } from '../ports';

/** Minutes a password reset link stays valid. */
export const RESET_LINK_MINUTES = 30;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The reset link mail: the link in the text part and in an HTML alternative. */
export const passwordResetMail = (to: string, publicUrl: string, token: string): OutboundMail => {
  const link = `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: 'Reset your Boardroom password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Boardroom account.',
      '',
      `To choose a new password, open this link within ${RESET_LINK_MINUTES} minutes. It works once:`,
      link,
      '',
      'If you did not ask for this, ignore this message: your password stays as it is.',
      '',
    ].join('\r\n'),
    html: [
      '<p>Someone (hopefully you) asked to reset the password of your Boardroom account.</p>',
      `<p><a href="${escapeHtml(link)}">Choose a new password</a> within ${RESET_LINK_MINUTES} minutes. The link works once.</p>`,
      '<p>If you did not ask for this, ignore this message: your password stays as it is.</p>',
    ].join('\n'),
  };
};

/** Tells the old address that the account's e-mail changed, so a takeover does not go unnoticed. */
export const emailChangedMail = (oldEmail: string, newEmail: string): OutboundMail => ({
  to: oldEmail,
  subject: 'Your Boardroom e-mail address was changed',
  text: [
    `The e-mail address of your Boardroom account was changed to ${newEmail}.`,
    '',
    'If you did not make this change, reply to your administrator at once: someone may have your password.',
    '',
  ].join('\r\n'),
});
