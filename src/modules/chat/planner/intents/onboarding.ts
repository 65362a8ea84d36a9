import { docAnswer, type DocHelp } from '../docAnswer.ts';
import { cues, list, toolIntent, type Intent } from '../intent.ts';

const help = toolIntent<DocHelp>({
  tool: 'onboarding.help',
  capability: 'answer questions about setting up and using AlphaNest from its docs ("how do I add my own RSS feed?")',
  topic: 'setting up AlphaNest',
  score: cues(
    [2, /\bhow (do|can|should|would) (i|we|you)\b/i],
    // Asking how to set something up in the platform, or about a setting by its name.
    [
      3,
      /\bhow (do|can|should|would) (i|we) (get|set|add|configure|connect|enable|disable|run|install|deploy|use|create|change|turn|point|plug|subscribe|follow|receive|call|integrate|hook|write|build)\b/i,
    ],
    [3, /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
    [3, /\bhow does\b.*\bwork\b|\bexplain\b|\bwhat does\b.*\bmean\b/i],
    [2, /\balpha ?nest\b/i],
    [
      2,
      /\b(set ?up|install|configure|configuration|deploy(ment)?|docs?|documentation|env(ironment)? var(iable)?s?|getting started|get started|jwt|api key|token for)\b/i,
    ],
  ),
  args: (text) => ({ args: { question: text.trim(), limit: 2 } }),
  answer: (found, args) => docAnswer(String(args.question), found),
});

const checklist = toolIntent<{
  completed: number;
  total: number;
  steps: Array<{ title: string; done: boolean; detail: string; how?: string }>;
}>({
  tool: 'onboarding.checklist',
  capability: 'show your setup checklist ("what is left to set up?")',
  topic: 'setting up AlphaNest',
  score: cues([
    3,
    /\b(checklist|set ?up progress|(what('s| is)|anything) left to (set ?up|do|configure)|where do (i|we) stand|next steps?|production[- ]ready|ready for production|onboarding (status|progress)|(still|yet) (need|have) to (do|set ?up|configure)|what('s| is) missing)\b/i,
  ]),
  args: () => ({ args: {} }),
  answer({ completed, total, steps }) {
    const lines = steps.map((s) => `${s.done ? '✓' : '✗'} ${s.title}: ${s.detail}${s.how ? ` (to do: ${s.how})` : ''}`);
    return `${completed} of ${total} setup steps done:\n${list(lines)}`;
  },
});

export const onboardingIntents: Intent[] = [checklist, help];
