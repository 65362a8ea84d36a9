import { findNegations, type Negations, withContractionsAsNot } from './negation.ts';
import { splitWords, type Word } from './splitWords.ts';

/**
 * A post's title and text as the event and sentiment readers see them:
 * words (contractions read as "not") and where negators reach, worked out
 * once for both readers.
 */

export interface PostPiece {
  text: string;
  words: Word[];
  negations: Negations;
}

export interface PostPieces {
  title?: PostPiece;
  text: PostPiece;
}

function piece(text: string): PostPiece {
  const words = withContractionsAsNot(splitWords(text));
  return { text, words, negations: findNegations(words) };
}

export function readPieces(post: { title?: string; text: string }): PostPieces {
  return { title: post.title ? piece(post.title) : undefined, text: piece(post.text) };
}
