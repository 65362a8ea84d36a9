import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import type { DashboardBuild } from './build.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** A built file as served: its body in each encoding a browser may ask for, compressed once at start. */
interface ServedFile {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

function served(path: string, body: Buffer): ServedFile {
  const extension = path.slice(path.lastIndexOf('.'));
  return {
    type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    identity: body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** Each file's compressed size (brotli), for the bundle-size budget the tests and the benchmark check. */
export function compressedSizes(build: DashboardBuild): Map<string, number> {
  return new Map([...build.files].map(([path, body]) => [path, served(path, body).br.length]));
}

/**
 * GET /assets/*: the build's files. Their names carry a content hash, so they are cached for a year; each is
 * compressed once at start with the best of what the browser accepts.
 */
export function assetRoutes(build: DashboardBuild): FastifyPluginAsync {
  const files = new Map([...build.files].map(([path, body]) => [path, served(path, body)]));
  return async (app) => {
    app.get('/assets/*', async (request, reply) => {
      const file = files.get(request.url.split('?')[0]!);
      if (!file) return reply.callNotFound();
      const accepted = String(request.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
      reply
        .header('content-type', file.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding');
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(file[encoding]);
    });
  };
}
