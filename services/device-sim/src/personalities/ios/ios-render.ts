import type { ConfigNode } from './ios-config';

/** How a platform prints its configuration tree. */
export interface RenderStyle {
  /** Indentation per level (IOS one space, NX-OS two, EOS three). */
  readonly indent: string;
  /** Separator between blocks (`!` on IOS/EOS/XR/FRR, `` on NX-OS). */
  readonly separator: string;
  /** Section order of top-level lines: lower first; equal ranks keep creation order. */
  readonly rank: (text: string) => number;
  /** Order of lines inside a block. */
  readonly childRank: (text: string) => number;
  /** Line closing a block (FRR prints `exit`), if any. */
  readonly blockEnd?: string;
}

function sorted(nodes: readonly ConfigNode[], rank: (text: string) => number): ConfigNode[] {
  return [...nodes].sort((a, b) => rank(a.text) - rank(b.text) || a.seq - b.seq);
}

function renderChildren(
  nodes: readonly ConfigNode[],
  style: RenderStyle,
  depth: number,
  out: string[],
): void {
  for (const node of sorted(nodes, style.childRank)) {
    out.push(style.indent.repeat(depth) + node.text);
    renderChildren(node.children, style, depth + 1, out);
    if (node.children.length > 0 && style.blockEnd && depth > 0) {
      out.push(style.indent.repeat(depth) + style.blockEnd);
    }
  }
}

/**
 * Renders top-level lines in section order with separators between sections and around blocks,
 * as IOS-style `show running-config` does.
 */
export function renderConfigBody(nodes: readonly ConfigNode[], style: RenderStyle): string[] {
  const out: string[] = [];
  let prev: ConfigNode | undefined;
  for (const node of sorted(nodes, style.rank)) {
    const newSection =
      prev !== undefined &&
      (node.children.length > 0 ||
        prev.children.length > 0 ||
        style.rank(node.text) !== style.rank(prev.text));
    if (newSection) out.push(style.separator);
    out.push(node.text);
    renderChildren(node.children, style, 1, out);
    if (node.children.length > 0 && style.blockEnd) out.push(style.blockEnd);
    prev = node;
  }
  return out;
}

/**
 * A rank function from an ordered list of sections; a section is one pattern or several that
 * print together without a separator. Unmatched lines get `fallback`.
 */
export function rankBy(
  sections: readonly (RegExp | readonly RegExp[])[],
  fallback: number,
): (text: string) => number {
  return (text) => {
    const i = sections.findIndex((s) =>
      s instanceof RegExp ? s.test(text) : s.some((re) => re.test(text)),
    );
    return i === -1 ? fallback : i;
  };
}
