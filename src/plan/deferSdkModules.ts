import Module from "node:module";
import * as path from "node:path";

/**
 * Defers loading the parts of the Pulumi SDKs that a mocked, in-process run never touches until
 * their first use: the Automation API, function serialization's TypeScript parser and npm Arborist
 * (together about 450 of @pulumi/pulumi's modules and 300 ms of its start-up), and the @pulumi/aws
 * service namespaces the program does not use (about 280 modules and 150 ms: `aws.imagebuilder`
 * loads when the program first reads it, `aws.xray` never). Behaviour is unchanged: a deferred module
 * loads, with its side effects, the moment anything reads from it.
 * For command-line tools only (call before the SDK is first required); never from the program.
 */
const DEFERRED: readonly { readonly request: RegExp; readonly from: string }[] = [
  { request: /^\.\/automation$/, from: "@pulumi/pulumi/index.js" },
  { request: /^\.\.\/\.\.\/typescript-shim$/, from: "@pulumi/pulumi/runtime/closure/parseFunction.js" },
  { request: /^@npmcli\/arborist$/, from: "@pulumi/pulumi/runtime/closure/codePaths.js" },
  // `./imagebuilder`, `./xray`, ...: each service's index registers its resource modules when loaded.
  { request: /^\.\/(?!utilities$)[A-Za-z0-9]+$/, from: "@pulumi/aws/index.js" },
];

interface Loader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

let installed = false;

export function deferUnusedSdkModules(): void {
  if (installed) return;
  installed = true;
  const suffixes = DEFERRED.map((d) => ({
    ...d,
    from: `${path.sep}node_modules${path.sep}${d.from.split("/").join(path.sep)}`,
  }));
  const loader = Module as unknown as Loader;
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    const filename = parent?.filename;
    if (
      filename === undefined ||
      !suffixes.some((d) => d.request.test(request) && filename.endsWith(d.from))
    ) {
      return load.call(this, request, parent, isMain);
    }
    return lazyModule(() => load.call(this, request, parent, isMain) as object);
  };
}

/**
 * A stand-in for a module that loads it (`load`, once) on first use and from then on behaves as it:
 * every operation is forwarded to the real module. Only `__esModule` is answered without loading:
 * the deferred modules are imported with `__importStar` or used as a namespace
 * (`ts.createSourceFile`), and `__importStar` returns an ES module as is.
 */
export function lazyModule(load: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= load());
  // The proxy's own target stays an empty, extensible object, so the invariants JavaScript checks
  // against it hold for whatever the real module reports, except for a property defined as
  // non-configurable through the proxy: that one is mirrored onto it.
  const shadow: object = {};
  return new Proxy(shadow, {
    get: (_t, key) => (key === "__esModule" && real === undefined ? true : Reflect.get(target(), key)),
    set: (_t, key, value) => Reflect.set(target(), key, value),
    has: (_t, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      const mirrored = Reflect.getOwnPropertyDescriptor(shadow, key);
      if (d && mirrored && !mirrored.configurable) return { ...d, configurable: false };
      return d && { ...d, configurable: true };
    },
    defineProperty: (_t, key, descriptor) => {
      if (!Reflect.defineProperty(target(), key, descriptor)) return false;
      if (descriptor.configurable === false) {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        if (d) Reflect.defineProperty(shadow, key, d);
      }
      return true;
    },
    deleteProperty: (_t, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    setPrototypeOf: (_t, proto) => Reflect.setPrototypeOf(target(), proto),
  });
}
