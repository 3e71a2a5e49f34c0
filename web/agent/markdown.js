// The assistant's replies in the agent console, shown as the citizen saw them: the small Markdown the bot writes
// (**bold**, *italic*, [links](https://…), "- " and "1. " lists, paragraphs, line breaks) becomes formatted text.
// Rendering builds DOM nodes and sets every text with textContent, never innerHTML: whatever a text holds
// (<img onerror=…>, <script>, an image in Markdown) stays visible text. Links only to http(s), mailto and tel.
// Plain browser JavaScript like app.js; `parse` is pure (no DOM), so the Node tests check it directly.
'use strict';

(function (root) {
  const SAFE_HREF = /^(https?:\/\/|mailto:|tel:)[^\s]*$/i;
  // **strong** | [label](target) not after "!" (an image stays text) | *em* | _em_
  const INLINE =
    /\*\*(?=\S)([^\n]*?\S)\*\*|(?<!!)\[([^\]\n]+)\]\(([^()\s]+)\)|(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu;
  const BULLET = /^\s*[-*•]\s+(.*)$/;
  const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

  /** Inline Markdown of one line: text, strong, em and link nodes (links with a safe target only). */
  function parseInline(text) {
    const nodes = [];
    let at = 0;
    // A fresh expression per call: parseInline recurses, and a shared lastIndex would be overwritten.
    const pattern = new RegExp(INLINE.source, INLINE.flags);
    let m;
    while ((m = pattern.exec(text)) !== null) {
      if (m.index > at) nodes.push({ type: 'text', text: text.slice(at, m.index) });
      if (m[1] !== undefined) nodes.push({ type: 'strong', children: parseInline(m[1]) });
      else if (m[2] !== undefined) {
        if (SAFE_HREF.test(m[3])) nodes.push({ type: 'link', href: m[3], children: parseInline(m[2]) });
        else nodes.push({ type: 'text', text: m[0] });
      } else nodes.push({ type: 'em', children: parseInline(m[4] !== undefined ? m[4] : m[5]) });
      at = pattern.lastIndex;
    }
    if (at < text.length) nodes.push({ type: 'text', text: text.slice(at) });
    return nodes;
  }

  /**
   * Blocks of a text: paragraphs (lines kept as lines: a chat message breaks where its author did) and lists;
   * each line already parsed inline.
   */
  function parse(text) {
    const blocks = [];
    let current = null;
    for (const raw of String(text).replace(/\r\n?/g, '\n').split('\n')) {
      const line = raw.replace(/\s+$/, '');
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      if (line === '') {
        current = null;
      } else if (bullet || numbered) {
        const ordered = Boolean(numbered);
        if (!current || current.type !== 'list' || current.ordered !== ordered) {
          current = { type: 'list', ordered: ordered, items: [] };
          blocks.push(current);
        }
        current.items.push(parseInline((bullet || numbered)[1]));
      } else {
        if (!current || current.type !== 'paragraph') {
          current = { type: 'paragraph', lines: [] };
          blocks.push(current);
        }
        current.lines.push(parseInline(line.trim()));
      }
    }
    return blocks;
  }

  function appendInline(doc, parent, nodes) {
    for (const node of nodes) {
      if (node.type === 'text') {
        parent.appendChild(doc.createTextNode(node.text));
      } else if (node.type === 'link') {
        const a = doc.createElement('a');
        a.setAttribute('href', node.href);
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
        appendInline(doc, a, node.children);
        parent.appendChild(a);
      } else {
        const e = doc.createElement(node.type === 'strong' ? 'strong' : 'em');
        appendInline(doc, e, node.children);
        parent.appendChild(e);
      }
    }
  }

  /** The text as a DocumentFragment of p, ul/ol, li, br, strong, em and a elements and text nodes. */
  function render(text, doc) {
    const d = doc || root.document;
    const fragment = d.createDocumentFragment();
    for (const block of parse(text)) {
      if (block.type === 'list') {
        const list = d.createElement(block.ordered ? 'ol' : 'ul');
        for (const item of block.items) {
          const li = d.createElement('li');
          appendInline(d, li, item);
          list.appendChild(li);
        }
        fragment.appendChild(list);
      } else {
        const p = d.createElement('p');
        block.lines.forEach((line, i) => {
          if (i > 0) p.appendChild(d.createElement('br'));
          appendInline(d, p, line);
        });
        fragment.appendChild(p);
      }
    }
    return fragment;
  }

  root.AgentMarkdown = { parse: parse, parseInline: parseInline, render: render };
})(globalThis);
