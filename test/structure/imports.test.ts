import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The module graph of src/, read with the TypeScript compiler's own import scanner (type-only
 * imports and re-exports included): no cycles, no import from a higher layer, and no helper in
 * src/ that only tests use.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Layers, lowest first. A module may import its own layer (if no cycle results) and lower
 * ones, never a higher one. The longest matching prefix decides a file's layer.
 */
const LAYERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['foundation', ['src/errors.ts', 'src/clock.ts', 'src/logger.ts', 'src/config.ts', 'src/net/', 'src/crypto/']],
  ['pure core', ['src/sigv4/', 'src/policy/', 'src/catalogue/', 'src/tokens/', 'src/s3/', 'src/oidc/']],
  // ops/metrics.ts is the metric registry every request handler records into (through Deps);
  // the rest of ops/ is the health and metrics router.
  ['storage', ['src/store/', 'src/throttle/', 'src/ops/metrics.ts']],
  ['dependencies', ['src/deps.ts']],
  ['http kernel', ['src/http/']],
  ['domain services', ['src/auth/', 'src/policies/', 'src/backup/']],
  ['surfaces', ['src/sts/', 'src/sidecar/', 'src/admin/', 'src/ops/']],
  ['entry points', ['src/app.ts', 'src/server.ts', 'src/index.ts', 'src/cli/', 'src/client/']],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file (static, dynamic, type-only, re-exports) as repository paths. */
function relativeImports(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => posix.normalize(posix.join(posix.dirname(file), name.replace(/\.js$/, '.ts'))));
}

function layerOf(file: string): number {
  let best = -1;
  let bestLength = 0;
  LAYERS.forEach(([, prefixes], layer) => {
    for (const prefix of prefixes) {
      if ((file === prefix || (prefix.endsWith('/') && file.startsWith(prefix))) && prefix.length > bestLength) {
        best = layer;
        bestLength = prefix.length;
      }
    }
  });
  return best;
}

/** Strongly connected components with more than one file (Tarjan), i.e. the import cycles. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Names a file exports by declaration (functions, classes, constants). */
function declaredExports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return names;
}

describe('module structure (src/)', () => {
  const files = sourceFiles('src');
  const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
  const graph = new Map(files.map((file) => [file, relativeImports(file, texts.get(file) as string)]));

  it('every import resolves to a file in src/', () => {
    const broken = [...graph].flatMap(([file, imports]) => imports.filter((target) => !texts.has(target)).map((target) => `${file} -> ${target}`));
    assert.deepEqual(broken, []);
  });

  it('has no import cycles', () => {
    assert.deepEqual(cycles(graph), []);
  });

  it('places every file in a layer', () => {
    assert.deepEqual(files.filter((file) => layerOf(file) < 0), []);
  });

  it('has no import from a higher layer', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => layerOf(file) >= 0 && layerOf(target) > layerOf(file))
        .map((target) => `${file} (${LAYERS[layerOf(file)]?.[0]}) -> ${target} (${LAYERS[layerOf(target)]?.[0]})`),
    );
    assert.deepEqual(upward, []);
  });

  it('keeps the surfaces apart: STS, sidecar, admin and ops share code only through lower layers', () => {
    const surface = (file: string): string | undefined => /^src\/(sts|sidecar|admin|ops)\//.exec(file)?.[1];
    const crossing = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => surface(file) !== undefined && surface(target) !== undefined && surface(target) !== surface(file)).map((target) => `${file} -> ${target}`),
    );
    assert.deepEqual(crossing, []);
  });

  it('keeps helpers only tests use out of src/', () => {
    const testTexts = sourceFiles('test').map((file) => readFileSync(join(ROOT, file), 'utf8'));
    const testOnly = files.flatMap((file) =>
      declaredExports(file, texts.get(file) as string)
        .filter((name) => {
          const word = new RegExp(`\\b${name}\\b`, 'g');
          const usedInSrc = files.some((other) => (texts.get(other)?.match(word)?.length ?? 0) > (other === file ? 1 : 0));
          return !usedInSrc && testTexts.some((text) => word.test(text));
        })
        .map((name) => `${relative(ROOT, join(ROOT, file))}: ${name}`),
    );
    assert.deepEqual(testOnly, []);
  });
});
