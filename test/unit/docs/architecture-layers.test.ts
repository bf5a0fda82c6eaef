import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/architecture.md lists the layers and the adapters in a block a newcomer reads first; these checks
 * keep that block and the dependency rules it names true to the folders and to .dependency-cruiser.cjs.
 */
const root = path.join(__dirname, '..', '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
const layersSection = doc.slice(doc.indexOf('## Layers and the dependency rule'));
const block = layersSection.slice(
  layersSection.indexOf('```') + 3,
  layersSection.indexOf('```', layersSection.indexOf('```') + 3),
);

/** `layer -> description` lines of the block; an indented line continues the one above. */
const documented = new Map<string, string>();
let last: string | undefined;
for (const line of block.split('\n')) {
  const entry = /^(\S+)\s+(.*)$/.exec(line);
  if (entry) documented.set((last = entry[1]!), entry[2]!);
  else if (last !== undefined && line.trim() !== '') documented.set(last, `${documented.get(last)!}, ${line.trim()}`);
}

const folders = (dir: string) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe('the layers docs/architecture.md lists', () => {
  it('are the folders of src, plus web', () => {
    const layers = [...documented.keys()]
      .filter((k) => k.startsWith('src/'))
      .map((k) => k.slice(4))
      .sort();
    expect(layers).toEqual(folders('src'));
    expect(documented.has('web')).toBe(true);
  });

  it('name every adapter folder, and no adapter that does not exist', () => {
    const listed = (documented.get('src/adapters') ?? '')
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((name) => name.trim().split(/\s+/)[0]!)
      .filter((name) => name !== '')
      .sort();
    expect(listed).toEqual(folders('src/adapters'));
  });

  it('name only dependency rules that .dependency-cruiser.cjs defines', () => {
    const config = readFileSync(path.join(root, '.dependency-cruiser.cjs'), 'utf8');
    const defined = [...config.matchAll(/name: '([\w-]+)'/g)].map((m) => m[1]);
    const named = [...layersSection.slice(0, layersSection.indexOf('\n## ', 5)).matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)]
      .map((m) => m[1]!)
      .filter((name) => /^(no|not|application|web)-/.test(name));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !defined.includes(name))).toEqual([]);
  });
});
