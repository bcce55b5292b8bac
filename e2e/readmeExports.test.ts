import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type PublicPackage, publicPackages } from './assertPackagesBuilt';
import { documentedExports } from './documentedExports';

// Every export a package's README documents exists in its built dist, in the types and (for
// values) in the JavaScript: what a user reads is what a user can import.

/** One entry point of a built package: its import specifier and dist files. */
interface BuiltEntry {
  specifier: string;
  types: string;
  code: string;
}

function builtEntries(pkg: PublicPackage): BuiltEntry[] {
  return Object.entries(pkg.manifest.exports ?? {}).flatMap(([subpath, target]) => {
    if (typeof target !== 'object' || target === null) return [];
    const { types, default: code } = target as { types?: string; default?: string };
    if (!types || !code) return [];
    return [
      {
        specifier: subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`,
        types: join(pkg.dir, types),
        code: join(pkg.dir, code),
      },
    ];
  });
}

const packages = publicPackages();
const entries = packages.flatMap(builtEntries);

/** Names each entry's .d.ts exports, and which of them are values (must exist at run time). */
function declaredExports(): Map<string, Map<string, { value: boolean }>> {
  const program = ts.createProgram(
    entries.map((entry) => entry.types),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  );
  const checker = program.getTypeChecker();
  const result = new Map<string, Map<string, { value: boolean }>>();
  for (const entry of entries) {
    const source = program.getSourceFile(entry.types);
    const module = source && checker.getSymbolAtLocation(source);
    const names = new Map<string, { value: boolean }>();
    for (const symbol of module ? checker.getExportsOfModule(module) : []) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      names.set(symbol.name, { value: (target.flags & ts.SymbolFlags.Value) !== 0 });
    }
    result.set(entry.specifier, names);
  }
  return result;
}

const declared = declaredExports();

describe.each(packages.map((pkg) => [pkg.name, pkg] as const))('README of %s', (_, pkg) => {
  const documented = documentedExports(pkg);

  it('documents its API (the check below has something to check)', () => {
    expect(documented.length).toBeGreaterThan(0);
  });

  it.each(documented.map((d) => [`${d.module} ${d.name}`, d] as const))(
    '%s exists in the built dist',
    async (_, { module, name, kind }) => {
      // An import names one entry; an API list names the package, so any of its entries.
      const candidates = entries.filter((entry) =>
        kind === 'import'
          ? entry.specifier === module
          : entry.specifier === module || entry.specifier.startsWith(`${module}/`),
      );
      expect(candidates, `${module} is not an entry of a public package`).not.toHaveLength(0);
      const home = candidates.find((entry) => declared.get(entry.specifier)?.has(name));
      expect(home, `${name} is missing from the types of ${module}`).toBeDefined();
      if (!home || !declared.get(home.specifier)?.get(name)?.value) return;
      const runtime = (await import(pathToFileURL(home.code).href)) as Record<string, unknown>;
      expect(runtime[name], `${name} is missing from ${home.code}`).toBeDefined();
    },
  );
});
