-- What drizzle cannot declare: row-level security FORCEd, so it holds for the tables' owner as well.
ALTER TABLE chat_conversations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE chat_messages FORCE ROW LEVEL SECURITY;
