-- The account that held the invited address when an invitation was sent (wave 2 review). Addresses are
-- not verified, so only that account may see and accept the invitation in the app; anyone who claims the
-- address later (a new account, or an e-mail change) must use the mailed link, which proves the mailbox.
-- Invitations sent before this column existed are left with no invitee: their mailed link still works.
ALTER TABLE invitations ADD COLUMN IF NOT EXISTS invitee_id uuid REFERENCES users (id) ON DELETE SET NULL;
