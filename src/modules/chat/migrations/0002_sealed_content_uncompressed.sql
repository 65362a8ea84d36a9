-- What drizzle cannot declare: message contents are transit ciphertext (sealedRepository.ts), which no
-- compression shrinks, so PostgreSQL stores a long one out of line without first trying to compress it
-- (an answer with its tool results is over the 2 kB threshold; the attempt cost about 15 µs a message).
ALTER TABLE chat_messages ALTER COLUMN content SET STORAGE EXTERNAL;
