// Builds the dashboard into ../wwwroot: npm ci when the lock file changed, type check (tsc), bundle (esbuild).
// Run by Backtesting.Local.csproj; several builds of the host may start at once (test projects build it in
// parallel), so one build at a time holds a lock folder and the others wait for it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, '..', 'wwwroot');
const lock = join(here, '.build.lock');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function acquire() {
  const started = Date.now();
  for (;;) {
    try { mkdirSync(lock); return; } catch (e) { if (e.code !== 'EEXIST') throw e; }
    // a lock older than ten minutes belongs to a build that was killed
    try { if (Date.now() - statSync(lock).mtimeMs > 600_000) { rmSync(lock, { recursive: true, force: true }); continue; } } catch { continue; }
    if (Date.now() - started > 900_000) throw new Error(`dashboard build: ${lock} is still held after 15 minutes`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function installIfStale() {
  const installed = join(here, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(here, 'package-lock.json')).mtimeMs) return;
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
}

const requested = Date.now();
await acquire();
try {
  // a parallel build that held the lock while this one waited has just written the same bundle
  const bundle = join(out, 'index.html');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < requested) await build();
} finally {
  rmSync(lock, { recursive: true, force: true });
}

async function build() {
  installIfStale();
  execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', here], { cwd: here, stdio: 'inherit' });
  const esbuild = await import('esbuild');
  mkdirSync(out, { recursive: true });
  // wwwroot holds build output only: files of earlier builds go
  for (const name of readdirSync(out)) rmSync(join(out, name), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { app: join(here, 'src', 'main.ts'), 'app-style': join(here, 'static', 'dashboard.css') },
    outdir: out, bundle: true, minify: true, sourcemap: true, format: 'esm', target: 'es2022',
    legalComments: 'linked', logLevel: 'warning',
  });
  copyFileSync(join(here, 'static', 'index.html'), join(out, 'index.html'));
}
