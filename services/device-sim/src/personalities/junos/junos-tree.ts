/** One statement of a Junos configuration: a container (`system {`) or a leaf (`host-name R1;`). */
export interface JunosNode {
  name: string;
  children: JunosNode[];
}

/** Keywords followed by a name that belongs on the same line (`unit 0 {`, `community public {`). */
const NAMED = new Set([
  'unit',
  'family',
  'community',
  'host',
  'server',
  'group',
  'neighbor',
  'term',
  'policy-statement',
  'route',
  'user',
  'interface',
  'vlan',
  'peer',
  'instance',
  'filter',
  'prefix-list',
  'file',
  'routing-instances',
  'area',
  'client',
]);

/** Keywords whose value completes a leaf statement (`host-name R1;`); setting one replaces it. */
const LEAVES = new Set([
  'host-name',
  'description',
  'address',
  'domain-name',
  'time-zone',
  'mtu',
  'authorization',
  'vlan-id',
  'peer-as',
  'local-as',
  'class',
  'router-id',
  'type',
  'encrypted-password',
  'next-hop',
  'location',
  'contact',
  'source-address',
  'uid',
  'autonomous-system',
  'boot-server',
]);

/** Top-level hierarchies Junos knows; anything else after `set` is a syntax error. */
export const JUNOS_TOP = new Set([
  'system',
  'interfaces',
  'protocols',
  'routing-options',
  'snmp',
  'policy-options',
  'firewall',
  'security',
  'vlans',
  'chassis',
  'groups',
  'apply-groups',
  'routing-instances',
  'class-of-service',
  'forwarding-options',
  'services',
  'event-options',
  'version',
]);

/** Splits a Junos command line into words, keeping `"quoted strings"` whole. */
export function junosWords(line: string): string[] {
  return [...line.matchAll(/"[^"]*"|\S+/g)].map((m) => m[0]);
}

/** Groups the words of a `set` path into statement names, the way Junos' schema would. */
export function statementPath(words: readonly string[]): string[] {
  const labels: string[] = [];
  for (let i = 0; i < words.length;) {
    const word = words[i] ?? '';
    if (LEAVES.has(word)) {
      labels.push(words.slice(i).join(' '));
      break;
    }
    if (NAMED.has(word) && i + 1 < words.length) {
      labels.push(`${word} ${words[i + 1] ?? ''}`);
      i += 2;
      const rest = words.slice(i);
      if (rest.length > 0 && !rest.some((w) => NAMED.has(w) || LEAVES.has(w))) {
        labels.push(rest.join(' '));
        break;
      }
      continue;
    }
    labels.push(word);
    i += 1;
  }
  return labels;
}

function keywordOf(name: string): string {
  return name.split(' ')[0] ?? name;
}

/** A Junos configuration tree with `set`/`delete` semantics and both display formats. */
export class JunosTree {
  constructor(public roots: JunosNode[] = []) {}

  clone(): JunosTree {
    return new JunosTree(structuredClone(this.roots));
  }

  /** `set <path>`: creates containers as needed; a leaf keyword replaces its previous value. */
  set(path: readonly string[]): void {
    let list = this.roots;
    path.forEach((label, i) => {
      const last = i === path.length - 1;
      const key = keywordOf(label);
      let node = list.find((n) => n.name === label);
      if (!node && last && LEAVES.has(key)) node = list.find((n) => keywordOf(n.name) === key);
      if (!node) {
        node = { name: label, children: [] };
        list.push(node);
      }
      node.name = label;
      list = node.children;
    });
  }

  /** `delete <path>`: removes the statement (a bare leaf keyword matches its valued form). */
  delete(path: readonly string[]): boolean {
    let list = this.roots;
    for (const [i, label] of path.entries()) {
      const last = i === path.length - 1;
      const index = list.findIndex(
        (n) => n.name === label || (last && keywordOf(n.name) === label && LEAVES.has(label)),
      );
      if (index === -1) return false;
      if (last) {
        // Junos keeps an emptied container as a bare statement (`family inet;`): no pruning.
        list.splice(index, 1);
        return true;
      }
      list = list[index]?.children ?? [];
    }
    return false;
  }

  /** The statements at a path (for `edit` levels and `show` inside them). */
  at(path: readonly string[]): JunosNode[] | undefined {
    let list: JunosNode[] | undefined = this.roots;
    for (const label of path) list = list?.find((n) => n.name === label)?.children;
    return list;
  }

  /** The curly-brace format of `show configuration`. */
  render(nodes: readonly JunosNode[] = this.roots, depth = 0): string[] {
    const pad = '    '.repeat(depth);
    // Junos prints in schema order, where `description` comes first at every level.
    const ordered = [...nodes].sort(
      (a, b) =>
        Number(keywordOf(b.name) === 'description') - Number(keywordOf(a.name) === 'description'),
    );
    return ordered.flatMap((n) =>
      n.children.length === 0
        ? [`${pad}${n.name};`]
        : [`${pad}${n.name} {`, ...this.render(n.children, depth + 1), `${pad}}`],
    );
  }

  /** The `| display set` format. */
  setLines(nodes: readonly JunosNode[] = this.roots, prefix = 'set'): string[] {
    return nodes.flatMap((n) =>
      n.children.length === 0
        ? [`${prefix} ${n.name}`]
        : this.setLines(n.children, `${prefix} ${n.name}`),
    );
  }
}
