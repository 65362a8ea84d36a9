-- Row-level security on the chat tables is keyed on the users a transaction acts for, a JSON array
-- of user ids in alphanest.user_ids: one user for every read, and every user of a batch when the
-- chat's group commit writes several users' exchanges in one statement. Unset (or reset to ''), it
-- admits nothing; anything but a JSON array makes the query fail.
ALTER POLICY chat_conversations_owner ON chat_conversations
  USING (nullif(current_setting('alphanest.user_ids', true), '')::jsonb ? user_id)
  WITH CHECK (nullif(current_setting('alphanest.user_ids', true), '')::jsonb ? user_id);
--> statement-breakpoint
ALTER POLICY chat_messages_owner ON chat_messages
  USING (nullif(current_setting('alphanest.user_ids', true), '')::jsonb ? user_id)
  WITH CHECK (nullif(current_setting('alphanest.user_ids', true), '')::jsonb ? user_id);
