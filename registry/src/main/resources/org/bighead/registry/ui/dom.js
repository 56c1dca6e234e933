// A tiny element builder: every piece of registry data goes in as text, never as HTML.

/** h('a', {href: '#/'}, 'Models', child…): attributes (on* handlers, class, title…) then children. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** A titled card; `extra` goes to the right of the title. */
export function card(title, body, { id, extra, note } = {}) {
  return h('section', { class: 'card', id },
    h('header', { class: 'card-head' }, h('h2', {}, title), note ? h('span', { class: 'muted' }, note) : null,
      extra ? h('div', { class: 'card-extra' }, extra) : null),
    h('div', { class: 'card-body' }, body));
}

/** A table from header cells and rows of cells (strings or nodes). */
export function table(headers, rows, { cls } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: cls ? `grid ${cls}` : 'grid' },
      h('thead', {}, h('tr', {}, headers.map((c) => (c instanceof Node && c.tagName === 'TH' ? c : h('th', {}, c))))),
      h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : h('td', {}, c)))))))));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}
