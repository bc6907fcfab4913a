/** One line of an indented (IOS-style) configuration and the lines under it. */
export interface ConfigNode {
  text: string;
  children: ConfigNode[];
  /** Creation order; keeps renderings stable among lines of equal rank. */
  readonly seq: number;
}

/** A sub-mode a line opens (`interface X` opens config-if). */
export interface SubmodeRule {
  readonly pattern: RegExp;
  /** Prompt suffix, e.g. `config-if`; a function when it depends on the line (EOS `config-if-Et1`). */
  readonly mode: string | ((text: string) => string);
  /** The sub-mode only opens under a parent line matching this (address-family under router). */
  readonly parent?: RegExp;
}

/** How a platform's configuration lines combine: identities, negations, sub-modes. */
export interface IosConfigRules {
  /** A line's identity is the match of the first of these that matches (else the whole line). */
  readonly singletons: readonly RegExp[];
  /** `no X` lines kept in the config as such (defaults that are on: `no ip domain lookup`). */
  readonly storedNegations: readonly string[];
  readonly submodes: readonly SubmodeRule[];
  /** Lines that always apply globally, leaving a sub-mode (IOS does this for `hostname`). */
  readonly globalOnly: RegExp;
  /** Canonical spelling (interface names expanded, spaces collapsed). */
  canonical(line: string): string;
}

/** A position in config mode: the canonical line of each open sub-mode and what was typed. */
export interface ConfigFrame {
  readonly text: string;
  readonly typed: string;
}

/**
 * An IOS-style configuration tree, mutated line by line as a device would: the same identity
 * replaces, `no X` removes, sub-mode lines open (or reopen) a block.
 */
export class IosConfig {
  private seq = 0;

  constructor(
    readonly rules: IosConfigRules,
    public roots: ConfigNode[] = [],
  ) {}

  /** Parses indented text (one space per level or more) into a tree; `!` lines are separators. */
  static parse(rules: IosConfigRules, text: string): IosConfig {
    const config = new IosConfig(rules);
    const stack: { indent: number; children: ConfigNode[] }[] = [
      { indent: -1, children: config.roots },
    ];
    for (const raw of joinBanners(text.split('\n'))) {
      if (raw.trim() === '' || raw.trim() === '!') continue;
      const indent = raw.length - raw.trimStart().length;
      while ((stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
      const node = config.node(raw.trim());
      stack[stack.length - 1]?.children.push(node);
      stack.push({ indent, children: node.children });
    }
    return config;
  }

  /** A deep copy (candidates, snapshots before a confirmed commit). */
  clone(): IosConfig {
    const copy = new IosConfig(this.rules, cloneNodes(this.roots));
    copy.seq = this.seq;
    return copy;
  }

  /** The sub-mode a canonical line opens, if any. */
  submodeOf(text: string): SubmodeRule | undefined {
    return this.rules.submodes.find((r) => r.pattern.test(text));
  }

  /** Prompt suffix of the innermost frame (`config` at the top). */
  modeName(context: readonly ConfigFrame[]): string {
    const last = context[context.length - 1];
    if (!last) return 'config';
    const rule = this.submodeOf(last.text);
    if (!rule) return 'config';
    return typeof rule.mode === 'string' ? rule.mode : rule.mode(last.text);
  }

  /**
   * Applies one line typed at `context` and returns the context after it (a sub-mode line opens
   * its block; a global-only line leaves sub-modes) and the context the line took effect under.
   */
  apply(
    context: readonly ConfigFrame[],
    line: string,
    typed: string = line,
  ): { next: ConfigFrame[]; appliedAt: ConfigFrame[] } {
    const text = this.rules.canonical(line);
    const negated = text.startsWith('no ');
    const rule = this.submodeOf(negated ? text.slice(3) : text);
    const base = rule
      ? this.baseFor(rule, context)
      : this.rules.globalOnly.test(text)
        ? []
        : [...context];
    const siblings = this.childrenAt(base);
    if (negated) {
      this.remove(siblings, text.slice(3));
      return { next: base, appliedAt: base };
    }
    if (rule) {
      if (!siblings.some((n) => n.text === text)) siblings.push(this.node(text));
      return { next: [...base, { text, typed: typed.trim() }], appliedAt: base };
    }
    this.upsert(siblings, text);
    return { next: base, appliedAt: base };
  }

  /** The first top-level line matching `pattern`. */
  findTop(pattern: RegExp): ConfigNode | undefined {
    return this.roots.find((n) => pattern.test(n.text));
  }

  private baseFor(rule: SubmodeRule, context: readonly ConfigFrame[]): ConfigFrame[] {
    if (!rule.parent) return [];
    for (let k = context.length - 1; k >= 0; k -= 1) {
      if (rule.parent.test(context[k]?.text ?? '')) return context.slice(0, k + 1);
    }
    return [...context];
  }

  private childrenAt(context: readonly ConfigFrame[]): ConfigNode[] {
    let list = this.roots;
    for (const frame of context) {
      let node = list.find((n) => n.text === frame.text);
      if (!node) {
        node = this.node(frame.text);
        list.push(node);
      }
      list = node.children;
    }
    return list;
  }

  private identity(text: string): string {
    const bare = text.startsWith('no ') ? text.slice(3) : text;
    for (const re of this.rules.singletons) {
      const m = re.exec(bare);
      if (m) return m[0];
    }
    return bare;
  }

  private upsert(siblings: ConfigNode[], text: string): void {
    const id = this.identity(text);
    const existing = siblings.find((n) => this.identity(n.text) === id);
    if (existing) existing.text = text;
    else siblings.push(this.node(text));
  }

  private remove(siblings: ConfigNode[], text: string): void {
    if (this.rules.storedNegations.includes(text)) {
      this.upsert(siblings, `no ${text}`);
      return;
    }
    const id = this.identity(text);
    const keep = siblings.filter(
      (n) =>
        n.text !== text &&
        !n.text.startsWith(`${text} `) &&
        !(id !== text && this.identity(n.text) === id),
    );
    siblings.splice(0, siblings.length, ...keep);
  }

  private node(text: string): ConfigNode {
    this.seq += 1;
    return { text, children: [], seq: this.seq };
  }
}

function cloneNodes(nodes: readonly ConfigNode[]): ConfigNode[] {
  return nodes.map((n) => ({ text: n.text, seq: n.seq, children: cloneNodes(n.children) }));
}

/** Joins a multi-line `banner motd ^C ... ^C` into one line (with newlines) so it stays one node. */
function joinBanners(lines: readonly string[]): string[] {
  const out: string[] = [];
  let banner: string[] | undefined;
  for (const line of lines) {
    if (banner) {
      banner.push(line);
      if (line.includes('^C')) {
        out.push(banner.join('\n'));
        banner = undefined;
      }
    } else if (/^banner \S+ \^C/.test(line) && !line.slice(line.indexOf('^C') + 2).includes('^C')) {
      banner = [line];
    } else {
      out.push(line);
    }
  }
  if (banner) out.push(banner.join('\n'));
  return out;
}
