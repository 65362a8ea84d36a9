import { findAddresses } from '../../../analysis/index.ts';
import { isString, list, prior, type Intent } from '../intent.ts';
import { chainIn } from './naughtyCoin.ts';

const DOSSIER = 'wallet.scam_dossier';

/** The fields of wallet.scam_dossier the answer reads. */
interface Dossier {
  summary: string;
  evidence: Array<{ severity: string; description: string; tx_hash?: string }>;
}

const EVIDENCE_SHOWN = 5;
const WALLET_WORDS = /\b(wallets?|scammers?|dossier|deployer|who(?:'s| is) behind|who owns)\b/i;
const LOOK_WORDS =
  /\b(check|scam(mer)?|safe|legit|flagged|blacklist(ed)?|dossier|look (into|up)|investigate|trust(worthy)?|analy[sz]e)\b/i;

/** Whether an address is a scammer (wallet.scam_dossier): "is 0x… a scammer?", "check wallet 0x…". */
const scamDossier: Intent = {
  tools: [DOSSIER],
  capability:
    'a scam dossier on a wallet: flagged funding, mixers, rugged tokens ("is 0x… a scammer?", "check wallet 0x…")',
  topic: 'wallet dossiers',
  score(text) {
    if (!WALLET_WORDS.test(text)) return 0;
    // Above a token check (5): "is 0x… a scam wallet?" asks about the wallet.
    if (findAddresses(text).some((found) => found.family === 'evm')) return 6;
    return LOOK_WORDS.test(text) ? 4 : 0;
  },
  plan(text, context) {
    const address =
      findAddresses(text).find((found) => found.family === 'evm')?.address ?? prior(context, 'address', isString);
    if (!address) return { ask: 'Which wallet? Give its address, for example "is 0x… a scammer on base?".' };
    const chain = chainIn(text) ?? prior(context, 'chain', isString) ?? 'ethereum';
    return { calls: [{ tool: DOSSIER, args: { chain, address } }] };
  },
  answer(results) {
    const r = results[0]!.result as Dossier;
    const shown = r.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `${e.severity}: ${e.description}`);
    const more =
      r.evidence.length > EVIDENCE_SHOWN ? `\n(${r.evidence.length - EVIDENCE_SHOWN} more in the tool result)` : '';
    return shown.length ? `${r.summary}\n${list(shown)}${more}` : r.summary;
  },
};

export const walletIntents: Intent[] = [scamDossier];
