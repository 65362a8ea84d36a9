import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundHandler } from '../../core/http/errors.ts';
import { stripUnsafeText } from '../../core/text.ts';
import type { DashboardBuild } from './build.ts';

/** A page: its route, the entry under dashboard/src/pages/ that renders it, and its title. */
interface Page {
  route: string;
  entry: string;
  title: (params: Record<string, string>) => string;
}

export const PAGES: readonly Page[] = [
  { route: '/', entry: 'feed', title: () => 'Live feed' },
  { route: '/items/:id', entry: 'item', title: () => 'Intelligence item' },
  { route: '/tokens/:symbol', entry: 'token', title: ({ symbol }) => `${symbol!.toUpperCase()} token` },
  { route: '/agents', entry: 'agents', title: () => 'Agents' },
  { route: '/chat', entry: 'chat', title: () => 'Chat' },
  { route: '/tools', entry: 'tools', title: () => 'Tools' },
  { route: '/arbitrage', entry: 'arbitrage', title: () => 'Arbitrage' },
  { route: '/clans', entry: 'clans', title: () => 'Clan Warz' },
  { route: '/status', entry: 'status', title: () => 'Status' },
  { route: '/login', entry: 'login', title: () => 'Sign in' },
];

const NAV: ReadonlyArray<[string, string]> = [
  ['/', 'Feed'],
  ['/agents', 'Agents'],
  ['/chat', 'Chat'],
  ['/tools', 'Tools'],
  ['/arbitrage', 'Arbitrage'],
  ['/clans', 'Clans'],
  ['/status', 'Status'],
];

/** What every page reads from its HTML (the `dashboard-config` JSON block): settings the server knows. */
export interface PageSettings {
  /** ENV: `dev` offers the one-click dev sign-in. */
  env: string;
  itemTypes: readonly string[];
  sentiments: readonly string[];
  eventTypes: readonly string[];
  /** CHAT_MAX_MESSAGE_CHARS: the chat box takes no more than the gateway accepts. */
  chatMaxMessageChars: number;
}

/** The control characters HTML text may not hold (a title from the address: `/tokens/%00`): C0 but whitespace, DEL and C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

const escapeHtml = (text: string) =>
  stripUnsafeText(text)
    .replace(CONTROL, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a <script> block: `<` escaped, so no value can close the block. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The document every page shares: its title, the navigation (`current` marked), and what goes in head and main. */
function shell(parts: { title: string; current: string | null; head: string; main: string }): string {
  const nav = NAV.map(([href, label]) => {
    const current = href === parts.current ? ' aria-current="page"' : '';
    return `<a href="${href}"${current}>${label}</a>`;
  }).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${escapeHtml(parts.title)} · AlphaNest</title>
${parts.head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">AlphaNest</a><nav aria-label="Main">${nav}</nav><span id="session"></span></header>
<main id="main" tabindex="-1">${parts.main}</main>
</body>
</html>`;
}

function html(page: Page, params: Record<string, string>, build: DashboardBuild, settings: PageSettings): string {
  const bundle = build.pages.get(page.entry);
  if (!bundle) throw new Error(`dashboard build has no page ${page.entry}`);
  return shell({
    title: page.title(params),
    current: page.route,
    head: [
      `<link rel="stylesheet" href="${build.stylesheet}">`,
      ...bundle.imports.map((chunk) => `<link rel="modulepreload" href="${chunk}">`),
      `<script type="module" src="${bundle.script}"></script>`,
      `<script type="application/json" id="dashboard-config">${scriptJson(settings)}</script>`,
    ].join('\n'),
    main: '<div id="app" aria-busy="true"><p class="muted">Loading…</p></div>',
  });
}

/** Pages may load only their own scripts and styles, and talk only to this origin (REST, the stream, chat). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

function sendPage(reply: FastifyReply, body: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body);
}

/** The tools page shares its path with the tool server's REST listing (GET /tools), which keeps it for JSON clients. */
export const TOOLS_PAGE = '/tools';

/** A browser navigating (it asks for HTML first), not a REST client asking for JSON. */
export const wantsHtml = (request: FastifyRequest) => /^text\/html\b/.test(String(request.headers.accept ?? ''));

export type PageHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Each page's handler by route: its HTML shell, the navigation, then its Preact island mounted into #app. */
export function pageHandlers(build: DashboardBuild, settings: PageSettings): Map<string, PageHandler> {
  return new Map(
    PAGES.map((page) => [
      page.route,
      async (request, reply) => sendPage(reply, html(page, request.params as Record<string, string>, build, settings)),
    ]),
  );
}

/**
 * A browser sent to an address with no page (a mistyped or outdated link) gets a page that says so, with the
 * navigation, rather than the JSON error a REST client gets.
 */
export function notFoundPage(build: DashboardBuild): (request: FastifyRequest, reply: FastifyReply) => unknown {
  return (request, reply) => {
    if (request.method !== 'GET' || !wantsHtml(request)) return notFoundHandler(request, reply);
    const path = request.url.split('?')[0]!;
    const main = `<h1>Page not found</h1>
<p>There is no page at <code>${escapeHtml(path)}</code>. <a href="/">Go to the live feed</a>.</p>`;
    return sendPage(
      reply.status(404),
      shell({
        title: 'Page not found',
        current: null,
        head: `<link rel="stylesheet" href="${build.stylesheet}">`,
        main,
      }),
    );
  };
}

/** Every page's route but the tools page, which the forwarding of /tools serves (forwarding.ts). */
export function pageRoutes(handlers: Map<string, PageHandler>): FastifyPluginAsync {
  return async (app) => {
    for (const [route, handler] of handlers) if (route !== TOOLS_PAGE) app.get(route, handler);
  };
}
