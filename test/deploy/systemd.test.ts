import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { components } from '../../src/runtime/components.ts';
import { tempDir } from '../support/tempDir.ts';
import { deployDir } from './yamlFiles.ts';

const unitDir = join(deployDir, 'systemd');

/** A unit file's settings by section (a key given twice keeps both values). */
function parseUnit(file: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> | undefined;
  for (const line of readFileSync(join(unitDir, file), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = {};
      sections[header[1]!] = section;
    } else {
      const [, key, value] = /^(\w+)=(.*)$/.exec(line) ?? [];
      if (!key || !section) throw new Error(`${file}: not a setting: ${line}`);
      section[key] = [...(section[key] ?? []), value!];
    }
  }
  return sections;
}

describe('deploy/systemd', () => {
  const service = parseUnit('alphanest@.service');
  const target = parseUnit('alphanest.target');

  it('runs each component as an instance of one sandboxed unit, as its dedicated user', () => {
    expect(service.Service).toMatchObject({
      User: ['alphanest'],
      EnvironmentFile: ['/etc/alphanest/alphanest.env'],
      ExecStart: ['/usr/bin/node /opt/alphanest/bin/alphanest.js serve %i'],
      Restart: ['on-failure'],
      RestartPreventExitStatus: ['2'],
      NoNewPrivileges: ['yes'],
      ProtectSystem: ['strict'],
      ReadWritePaths: ['/var/lib/alphanest'],
      StateDirectory: ['alphanest'],
      // Node's compile cache where the sandbox lets the user write.
      CacheDirectory: ['alphanest'],
    });
    expect(service.Service!.Environment![0]).toContain('DATA_DIR=/var/lib/alphanest');
    expect(service.Service!.Environment).toContain('NODE_COMPILE_CACHE=/var/cache/alphanest');
    expect(service.Install).toEqual({ WantedBy: ['alphanest.target'] });
    expect(readFileSync(join(unitDir, 'alphanest.sysusers.conf'), 'utf8')).toMatch(/^u alphanest - /m);
  });

  it('starts every component of the platform with alphanest.target', () => {
    const wanted = target.Unit!.Wants![0]!.split(/\s+/);
    expect(wanted.sort()).toEqual(
      Object.keys(components)
        .map((name) => `alphanest@${name}.service`)
        .sort(),
    );
    expect(target.Install).toEqual({ WantedBy: ['multi-user.target'] });
  });

  it('joins a mesh network before the components start, the key read by the CLI and handed over as a file', () => {
    const mesh = parseUnit('alphanest-mesh@.service');
    expect(mesh.Unit!.Before).toEqual(['alphanest.target']);
    expect(service.Unit!.After).toContain('alphanest-mesh@tailscale.service alphanest-mesh@zerotier.service');
    expect(mesh.Service).toMatchObject({
      Type: ['oneshot'],
      RemainAfterExit: ['yes'],
      User: ['alphanest'],
      EnvironmentFile: ['/etc/alphanest/alphanest.env'],
      RuntimeDirectoryMode: ['0700'],
      UMask: ['0077'],
      ExecStart: [
        '/usr/bin/node /opt/alphanest/bin/alphanest.js secrets env %i --out /run/alphanest-mesh-%i/mesh.env',
        '+/opt/alphanest/deploy/systemd/alphanest-mesh-join %i /run/alphanest-mesh-%i/mesh.env',
      ],
      ExecStartPost: ['/usr/bin/rm -f /run/alphanest-mesh-%i/mesh.env'],
    });
    expect(mesh.Install).toEqual({ WantedBy: ['alphanest.target'] });
    expect(statSync(join(unitDir, 'alphanest-mesh-join')).mode & 0o111).not.toBe(0);
  });

  it('passes systemd-analyze verify for each instance, where systemd is installed', () => {
    const dir = tempDir('systemd');
    const units = [
      ...Object.keys(components).map((name) => join(dir, `alphanest@${name}.service`)),
      ...['tailscale', 'zerotier'].map((mesh) => join(dir, `alphanest-mesh@${mesh}.service`)),
    ];
    for (const unit of units)
      copyFileSync(join(unitDir, unit.includes('-mesh@') ? 'alphanest-mesh@.service' : 'alphanest@.service'), unit);
    copyFileSync(join(unitDir, 'alphanest.target'), join(dir, 'alphanest.target'));
    const result = spawnSync('systemd-analyze', ['verify', ...units, join(dir, 'alphanest.target')], {
      encoding: 'utf8',
    });
    // The test command makes sure systemd-analyze is installed.
    if (result.error) throw new Error(`systemd-analyze could not run: ${result.error.message}`);
    // It only warns about unknown settings, so any word about our files is a failure.
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes(dir))).toEqual([]);
    expect(result.status).toBe(0);
  });
});
