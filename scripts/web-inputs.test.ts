import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webInputsHash } from './web-inputs.ts';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'liaison-web-inputs-'));
  for (const dir of ['web/src', 'web/dist/assets', 'web/node_modules/x', 'contracts/src']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeFileSync(join(root, 'package-lock.json'), '{}');
  writeFileSync(join(root, 'web/src/main.tsx'), 'render()');
  writeFileSync(join(root, 'contracts/src/users.ts'), 'export const A = 1;');
  writeFileSync(join(root, 'web/dist/index.html'), '<html>');
  return root;
}

describe('what npm start rebuilds the web client for', () => {
  it('is any change in web/ or contracts/, and never the build output or dependencies', () => {
    const root = project();
    const first = webInputsHash(root);
    expect(webInputsHash(root)).toBe(first);

    // The build's own output and installed packages do not count.
    writeFileSync(join(root, 'web/dist/assets/app-123.js'), 'x');
    writeFileSync(join(root, 'web/node_modules/x/index.js'), 'x');
    expect(webInputsHash(root)).toBe(first);

    writeFileSync(join(root, 'contracts/src/users.ts'), 'export const A = 2;');
    const afterContract = webInputsHash(root);
    expect(afterContract).not.toBe(first);

    renameSync(join(root, 'web/src/main.tsx'), join(root, 'web/src/index.tsx'));
    const afterRename = webInputsHash(root);
    expect(afterRename).not.toBe(afterContract);

    rmSync(join(root, 'web/src/index.tsx'));
    expect(webInputsHash(root)).not.toBe(afterRename);
    rmSync(root, { recursive: true, force: true });
  });
});
