-- AI chat: conversations and their messages, each row owned by one user.
CREATE TABLE chat_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX chat_conversations_owner_recent_idx ON chat_conversations (user_id, updated_at DESC, id DESC);
--> statement-breakpoint
CREATE TABLE chat_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Insertion order: a user message and its reply are written in one transaction and share now().
  seq bigint GENERATED ALWAYS AS IDENTITY,
  conversation_id uuid NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  tool_calls jsonb NOT NULL DEFAULT '[]',
  usage jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX chat_messages_conversation_idx ON chat_messages (conversation_id, seq);
--> statement-breakpoint
-- Row-level security is the second wall behind the owner filter in every query: the repository
-- sets alphanest.user_id for its transaction, and a role that is neither superuser nor exempt
-- sees and writes only that user's rows. FORCE applies it to the table owner as well.
ALTER TABLE chat_conversations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE chat_conversations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chat_conversations_owner ON chat_conversations
  USING (user_id = current_setting('alphanest.user_id', true))
  WITH CHECK (user_id = current_setting('alphanest.user_id', true));
--> statement-breakpoint
ALTER TABLE chat_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE chat_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chat_messages_owner ON chat_messages
  USING (user_id = current_setting('alphanest.user_id', true))
  WITH CHECK (user_id = current_setting('alphanest.user_id', true));
