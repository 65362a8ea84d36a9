-- What drizzle cannot declare: a message row stays in its page up to 8 kB instead of 2 kB. An answer with its
-- tool results, sealed (sealedRepository.ts), is a little over 2 kB; moved out of line, every such message cost
-- an insert into the TOAST table and its index besides its own, and every read of it a lookup there. Longer
-- contents still go out of line, uncompressed (0002).
ALTER TABLE chat_messages SET (toast_tuple_target = 8160);
