/**
 * What a pattern cannot match without: a few literal strings, one of which every match holds. The cues
 * and the places a sentence puts a coin run dozens of patterns on every message, and most messages hold
 * none of a given pattern's words; looking those up in the message's letter pairs (`mayMatch`) costs a
 * fraction of running the pattern. A filter only ever skips a pattern that cannot match, so it changes
 * no answer.
 */

/** One of these strings (in lower case) is in every match; undefined: the pattern is beyond this reading. */
type Needs = string[] | undefined;

class Unreadable extends Error {}

/**
 * The literals of a pattern's source, read conservatively: a run of plain characters that every match
 * of a sequence holds, or of an alternation one such run per branch. Anything it does not know (a
 * Unicode pattern, `\k`, `\u`, a brace that is no quantifier) gives undefined, and the pattern always runs.
 */
export function requiredLiterals(pattern: RegExp): Needs {
  // Unicode case folding ('ſ' matching "s") and `v` classes are not read here.
  if (/[uv]/.test(pattern.flags)) return undefined;
  const source = pattern.source;
  let at = 0;

  const alternation = (): Needs => {
    const branches = [sequence()];
    while (source[at] === '|') {
      at++;
      branches.push(sequence());
    }
    if (branches.some((branch) => branch === undefined)) return undefined;
    return [...new Set(branches.flat() as string[])];
  };

  /** An atom: a character it matches literally, a group's needs, or what consumes or asserts nothing known. */
  type Atom = { char: string } | { group: Needs } | { opaque: true };
  // Beyond ASCII, case-insensitive matching and lower case part ways ('ς' and 'σ' both match 'Σ'): not a literal here.
  const literal = (c: string): Atom => (c.charCodeAt(0) < 128 ? { char: c } : { opaque: true });
  const atom = (): Atom => {
    const c = source[at++]!;
    if (c === '\\') {
      const e = source[at++];
      if (e === undefined) throw new Unreadable();
      if ('bBdDwWsSnrtfv'.includes(e) || /[1-9]/.test(e)) return { opaque: true };
      if (/[A-Za-z0-9]/.test(e)) throw new Unreadable();
      return literal(e);
    }
    if (c === '[') {
      if (source[at] === '^') at++;
      while (source[at] !== ']') {
        if (at >= source.length) throw new Unreadable();
        at += source[at] === '\\' ? 2 : 1;
      }
      at++;
      return { opaque: true };
    }
    if (c === '(') {
      let around = false;
      if (source[at] === '?') {
        const kind = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(at))?.[0];
        if (!kind) throw new Unreadable();
        around = kind !== '?:' && !/^\?<[A-Za-z_$]/.test(kind);
        at += kind.length;
      }
      const inner = alternation();
      if (source[at++] !== ')') throw new Unreadable();
      // A lookaround reads text around the match, not in it.
      return around ? { opaque: true } : { group: inner };
    }
    if (c === '.' || c === '^' || c === '$') return { opaque: true };
    if ('{}])*+?'.includes(c)) throw new Unreadable();
    return literal(c);
  };

  /** The fewest times the atom just read must match: 1 unquantified. */
  const quantifier = (): number => {
    const c = source[at];
    let least = 1;
    if (c === '?' || c === '*') {
      least = 0;
      at++;
    } else if (c === '+') at++;
    else if (c === '{') {
      const braces = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(at));
      if (!braces) throw new Unreadable();
      least = Number(braces[1]);
      at += braces[0].length;
    } else return 1;
    if (source[at] === '?') at++;
    // A quantified atom is matched apart from its neighbours' run: -1 marks it so.
    return least === 0 ? 0 : -1;
  };

  const sequence = (): Needs => {
    const candidates: string[][] = [];
    let run = '';
    const flush = () => {
      if (run) candidates.push([run]);
      run = '';
    };
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const read = atom();
      const least = quantifier();
      if ('char' in read) {
        if (least === 1) run += read.char;
        else if (least === -1) {
          run += read.char;
          flush();
        } else flush();
      } else {
        flush();
        if ('group' in read && read.group && least !== 0) candidates.push(read.group);
      }
    }
    flush();
    // The most telling: the one whose shortest literal is longest.
    const shortest = (needs: string[]) => Math.min(...needs.map((need) => need.length));
    return candidates.sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)[0];
  };

  try {
    const needs = alternation();
    if (at !== source.length || !needs || needs.some((need) => need.length === 0)) return undefined;
    return needs.map((need) => need.toLowerCase());
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

/** Letter pairs hashed into this many slots: a collision only lets a pattern run that need not. */
const SLOTS = 4096;
const pairOf = (a: number, b: number) => (a * 31 + b) & (SLOTS - 1);
/** A character alone, as a literal of one is looked up: a pair with nothing before it. */
const ALONE = 0;

/**
 * The characters and letter pairs of the text last read, stamped with its turn so no table is cleared per text.
 * Whoever runs the filters owns one (the planner, for the messages it plans) and reads each text into it once,
 * before that text's filters run.
 */
export interface LetterPairs {
  /** Stamps the characters and letter pairs of a text (in lower case) as seen; the text read last costs nothing again. */
  read(text: string): void;
  /**
   * Whether the text last read holds both pairs of some literal: slots `firsts[i]` and `seconds[i]`. One call a
   * pattern, its literals looped over here: a call a slot cost more than the look-ups (filters run on every message).
   */
  holdsBoth(firsts: Int32Array, seconds: Int32Array): boolean;
}

export function letterPairs(): LetterPairs {
  const seen = new Uint32Array(SLOTS);
  let turn = 0;
  let lastText: string | undefined;
  return {
    read(text) {
      if (text === lastText) return;
      lastText = text;
      turn = turn === 0xffffffff ? 1 : turn + 1;
      if (turn === 1) seen.fill(0);
      const lower = text.toLowerCase();
      let before = ALONE;
      for (let i = 0; i < lower.length; i++) {
        const code = lower.charCodeAt(i);
        seen[pairOf(ALONE, code)] = turn;
        seen[pairOf(before, code)] = turn;
        before = code;
      }
    },
    holdsBoth(firsts, seconds) {
      for (let i = 0; i < firsts.length; i++) if (seen[firsts[i]!] === turn && seen[seconds[i]!] === turn) return true;
      return false;
    },
  };
}

/** Letters, most common first in English: a literal's pairs of the rarest letters tell most. */
const COMMON = 'etaoinshrdlcumwfgypbvkjxqz';
/** How common a character is: a space most of all; a digit or a mark, rare in messages, least. */
const commonness = (code: number) => {
  if (code === 32) return 40;
  const at = COMMON.indexOf(String.fromCharCode(code));
  return at === -1 ? 0 : COMMON.length - at;
};

/** The pairs of a literal a text must hold to hold it: its two rarest (a character alone for a literal of one). */
function pairsOf(literal: string): number[] {
  if (literal.length === 1) return [pairOf(ALONE, literal.charCodeAt(0))];
  const pairs = [];
  for (let i = 1; i < literal.length; i++) {
    const a = literal.charCodeAt(i - 1);
    const b = literal.charCodeAt(i);
    pairs.push({ code: pairOf(a, b), rarity: commonness(a) + commonness(b) });
  }
  return [...new Set(pairs.sort((x, y) => x.rarity - y.rarity).map((pair) => pair.code))].slice(0, 2);
}

/**
 * A test of the text a reader last read (`LetterPairs`) that says false only where the pattern cannot match:
 * where for each of its literals a pair (`pairsOf`) is missing. A pattern with no literal always runs. Made
 * once per pattern, where the patterns are put together (a cue list, the places of a coin): reading its
 * source costs more than the filter saves on one text.
 */
export function mayMatch(pattern: RegExp): (pairs: LetterPairs) => boolean {
  const needs = requiredLiterals(pattern);
  if (!needs) return () => true;
  const firsts = Int32Array.from(needs, (need) => pairsOf(need)[0]!);
  // A literal of one pair needs no second: its first again.
  const seconds = Int32Array.from(needs, (need) => pairsOf(need)[1] ?? pairsOf(need)[0]!);
  return (pairs) => pairs.holdsBoth(firsts, seconds);
}
