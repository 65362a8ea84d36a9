import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

/** The front-end's sources (dashboard/ at the repository root) and where their build is kept between starts. */
const CLIENT_ROOT = join(import.meta.dirname, '../../../dashboard');
const SOURCES = join(CLIENT_ROOT, 'src');
const DIST = join(CLIENT_ROOT, 'dist');
const MANIFEST = 'manifest.json';

/** One page's entry: the module the HTML loads, the chunks it imports (preloaded), and the stylesheet. */
interface PageBundle {
  script: string;
  imports: string[];
}

/** The built front-end: every output file by its URL path under /assets/, and each page's bundle by page name. */
export interface DashboardBuild {
  sourceHash: string;
  files: Map<string, Buffer>;
  pages: Map<string, PageBundle>;
  stylesheet: string;
}

interface Manifest {
  sourceHash: string;
  pages: Record<string, PageBundle>;
  stylesheet: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** What the build depends on: every source file, the tsconfig, and the versions of esbuild and Preact. */
async function hashSources(): Promise<string> {
  const hash = createHash('sha256');
  const preact = JSON.parse(
    await readFile(join(import.meta.dirname, '../../../node_modules/preact/package.json'), 'utf8'),
  );
  hash.update(`esbuild ${esbuildVersion} preact ${preact.version}\n`);
  for (const file of [...(await listFiles(SOURCES)), join(CLIENT_ROOT, 'tsconfig.json')]) {
    hash.update(`${relative(CLIENT_ROOT, file)}\n`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Bundles every page under dashboard/src/pages/ (Preact, minified, shared chunks split out) and the stylesheet. */
async function bundle(sourceHash: string): Promise<DashboardBuild> {
  const pageFiles = (await readdir(join(SOURCES, 'pages'))).filter((f) => f.endsWith('.tsx'));
  const result = await build({
    absWorkingDir: CLIENT_ROOT,
    entryPoints: [...pageFiles.map((f) => join(SOURCES, 'pages', f)), join(SOURCES, 'styles.css')],
    outdir: '/assets',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2022'],
    minify: true,
    write: false,
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((f) => [f.path, Buffer.from(f.contents)]));
  const pages = new Map<string, PageBundle>();
  let stylesheet = '';
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    const url = `/${path.replace(/^.*?assets\//, 'assets/')}`;
    if (!output.entryPoint) continue;
    if (output.entryPoint.endsWith('styles.css')) stylesheet = url;
    else if (url.endsWith('.js')) {
      const name = output.entryPoint.replace(/^.*\//, '').replace(/\.tsx$/, '');
      const imports = output.imports
        .filter((i) => i.kind === 'import-statement')
        .map((i) => `/${i.path.replace(/^.*?assets\//, 'assets/')}`);
      pages.set(name, { script: url, imports });
    }
  }
  return { sourceHash, files, pages, stylesheet };
}

async function readCached(sourceHash: string): Promise<DashboardBuild | null> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(DIST, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.sourceHash !== sourceHash) return null;
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(join(DIST, 'assets'))) files.set(`/${relative(DIST, file)}`, await readFile(file));
  return { sourceHash, files, pages: new Map(Object.entries(manifest.pages)), stylesheet: manifest.stylesheet };
}

/** Writes the build beside the sources (a fresh folder renamed into place, so a reader never sees half of one). */
async function writeCache(built: DashboardBuild): Promise<void> {
  const staging = `${DIST}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'assets'), { recursive: true });
  for (const [url, body] of built.files) await writeFile(join(staging, url), body);
  const manifest: Manifest = {
    sourceHash: built.sourceHash,
    pages: Object.fromEntries(built.pages),
    stylesheet: built.stylesheet,
  };
  await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
  await rm(DIST, { recursive: true, force: true });
  await rename(staging, DIST);
}

/**
 * The dashboard's build: the cached one in dashboard/dist when it was made from the current sources, else a new
 * one (esbuild takes well under a second), cached for the next start when the folder is writable.
 */
export async function loadDashboardBuild(onCacheFailure?: (err: Error) => void): Promise<DashboardBuild> {
  const sourceHash = await hashSources();
  const cached = await readCached(sourceHash);
  if (cached) return cached;
  const built = await bundle(sourceHash);
  await writeCache(built).catch((err: Error) => onCacheFailure?.(err));
  return built;
}
