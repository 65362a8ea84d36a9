/**
 * Words a trader asks the meaning of ("what's a rug pull?"): a definition question, answered in a sentence or two,
 * not with a search of the feed over a window, which answers "any rug pulls this week?". The offer names the
 * question that looks it up, when its tool is offered.
 */
interface Term {
  /** The term and its usual spellings, as a pattern. */
  names: string;
  meaning: string;
  /** The tool the offer's question calls, and the question. */
  offer: { tool: string; ask: string };
}

const TERMS: Term[] = [
  {
    names: 'rug[- ]?pull(?:s|ing)?|rug(?:s|ged)?',
    meaning:
      'A rug pull is when the people behind a token drain its liquidity pool or dump their own supply and disappear, ' +
      'leaving holders with a token they cannot sell for anything close to what they paid.',
    offer: { tool: 'intelligence.search', ask: 'ask "any rug pulls this week?" to see recent ones' },
  },
  {
    names: 'honey ?pots?(?: tokens?)?',
    meaning:
      'A honeypot is a token whose contract lets you buy but blocks selling, or taxes it so heavily that nothing ' +
      'comes back, so the money that goes in stays in.',
    offer: { tool: 'naughty_coin.check_token', ask: 'ask "is 0x… a honeypot on base?" to check a token' },
  },
];

/** The whole message asks what the term is: "what's a rug pull?", "what does rugged mean", "define honeypot". */
const definitionQuestion = (names: string) =>
  new RegExp(
    String.raw`^\s*(?:(?:so|ok|and)[,\s]+)?(?:what(?:'?s| is| are)|define|meaning of|what does|what do)\s+(?:an?\s+|the\s+)?(?:${names})` +
      String.raw`(?:\s+(?:mean|means|stand for))?\s*[?.!]*\s*$`,
    'i',
  );

const QUESTIONS = TERMS.map((term) => ({ ...term, question: definitionQuestion(term.names) }));

/** The definition a message asks for, with the offer to look it up when its tool is offered; undefined: none asked. */
export function definitionFor(text: string, offered: ReadonlySet<string>): string | undefined {
  const term = QUESTIONS.find(({ question }) => question.test(text));
  if (!term) return undefined;
  return offered.has(term.offer.tool) ? `${term.meaning} To see it in the data, ${term.offer.ask}.` : term.meaning;
}
