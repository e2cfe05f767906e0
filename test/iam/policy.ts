/**
 * A small evaluator for identity-based IAM policies: enough of the IAM evaluation logic to check
 * iam/deployer-policy.json offline. It understands Allow/Deny, Action/Resource with `*` and `?`
 * wildcards, policy variables such as `${aws:PrincipalAccount}` in resources, and the condition
 * operators the policy uses (String*, Arn*, Bool, with `IfExists` and `ForAnyValue:`). Anything it
 * does not understand (NotAction, NotResource, other operators) throws, so a policy change that
 * outgrows the evaluator fails loudly instead of being judged wrongly.
 */

export type ContextValue = string | boolean | string[];
export type RequestContext = Record<string, ContextValue>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | boolean | (string | boolean)[]>>;
  NotAction?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

export interface Request {
  action: string;
  resource: string;
  context?: RequestContext;
}

export function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function wildcardRegExp(pattern: string, flags: string): RegExp {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, flags);
}

/** IAM action names compare case-insensitively; resources (ARNs) case-sensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegExp(pattern, "i").test(action);
}

export function resourceMatches(pattern: string, resource: string, context: RequestContext = {}): boolean {
  return wildcardRegExp(substituteVariables(pattern, context), "").test(resource);
}

/** `${aws:PrincipalAccount}` and friends take their value from the request context. */
export function substituteVariables(text: string, context: RequestContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (_m, key: string) => {
    const value = context[key];
    if (typeof value !== "string") throw new Error(`policy variable \${${key}} has no value in the request`);
    return value;
  });
}

function asStrings(value: ContextValue): string[] {
  return Array.isArray(value) ? value : [String(value)];
}

function compare(op: string, actual: string, expected: string): boolean {
  switch (op) {
    case "StringEquals":
    case "ArnEquals":
      return actual === expected;
    case "StringEqualsIgnoreCase":
      return actual.toLowerCase() === expected.toLowerCase();
    case "StringLike":
    case "ArnLike":
      return wildcardRegExp(expected, "").test(actual);
    case "Bool":
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      throw new Error(`condition operator ${op} is not supported by this evaluator`);
  }
}

function conditionHolds(
  operatorWithModifiers: string,
  key: string,
  expected: string[],
  context: RequestContext,
) {
  let op = operatorWithModifiers;
  let setOp: "ForAnyValue" | "ForAllValues" | undefined;
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(op);
  if (setMatch) {
    setOp = setMatch[1] as "ForAnyValue" | "ForAllValues";
    op = setMatch[2];
  }
  const ifExists = op.endsWith("IfExists");
  if (ifExists) op = op.slice(0, -"IfExists".length);
  const value = context[key];
  if (value === undefined) return ifExists || setOp === "ForAllValues";
  const actuals = asStrings(value);
  const matchesOne = (a: string) => expected.some((e) => compare(op, a, substituteVariables(e, context)));
  if (setOp === "ForAllValues") return actuals.every(matchesOne);
  if (setOp === "ForAnyValue") return actuals.some(matchesOne);
  if (actuals.length !== 1) throw new Error(`${key} is multi-valued: use ForAnyValue/ForAllValues`);
  return matchesOne(actuals[0]);
}

export function statementApplies(s: PolicyStatement, request: Request): boolean {
  if (s.NotAction !== undefined || s.NotResource !== undefined || s.Principal !== undefined) {
    throw new Error(`statement ${s.Sid ?? "?"}: NotAction/NotResource/Principal are not supported`);
  }
  const context: RequestContext = request.context ?? {};
  if (!list(s.Action).some((a) => actionMatches(a, request.action))) return false;
  if (!list(s.Resource).some((r) => resourceMatches(r, request.resource, context))) return false;
  for (const [op, keys] of Object.entries(s.Condition ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      if (!conditionHolds(op, key, list(expected).map(String), context)) return false;
    }
  }
  return true;
}

/** Explicit deny wins; otherwise allowed if some Allow statement applies. */
export function policyAllows(policy: PolicyDocument, request: Request): boolean {
  const applicable = policy.Statement.filter((s) => statementApplies(s, request));
  if (applicable.some((s) => s.Effect === "Deny")) return false;
  return applicable.some((s) => s.Effect === "Allow");
}

/** The services (action prefixes) a policy grants anything of. */
export function grantedServices(policy: PolicyDocument): Set<string> {
  return new Set(
    policy.Statement.filter((s) => s.Effect === "Allow")
      .flatMap((s) => list(s.Action))
      .map((a) => a.split(":")[0].toLowerCase()),
  );
}
