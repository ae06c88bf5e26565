// The 360 px phone checks of tests/browser/test_phone_walk.py (evaluated in the page; returns problems).
() => {
  const problems = [];
  const name = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim().replace(/\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}> "${text.slice(0, 40)}"`;
  };
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const clipped = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el)).slice(-3).map(name);
    problems.push(`sideways scroll: ${document.documentElement.scrollWidth}px > ${width}px (${wide.join(', ')})`);
  }
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.position !== 'fixed' && style.position !== 'sticky') continue;
    const box = el.getBoundingClientRect();
    if (box.height > window.innerHeight * 0.15) problems.push(`fixed ${name(el)} is ${Math.round(box.height)}px tall`);
  }
  const inText = (el) => {
    const block = el.parentElement;
    return block && (block.textContent || '').trim().length > (el.textContent || '').trim().length + 2;
  };
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(selector)) {
    if (!el.closest('header, nav, main')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden], [aria-hidden=true], template')) continue;
    let box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // not rendered (display: none, sr-only)
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) continue;  // inside a closed <details>
    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) box = el.closest('label').getBoundingClientRect();
    if (el.tagName === 'A' && style.display === 'inline' && inText(el)) continue;
    if (box.width < 43.5 || box.height < 43.5) problems.push(`tap target ${name(el)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  // Sideways scrolling inside a box (a table in an overflow-x: auto wrapper) is sideways scrolling too, unless
  // the box itself is marked data-scroll-x and is one row (≤ 64 px tall): a row of chips designed to scroll.
  for (const el of document.querySelectorAll('body *')) {
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('details:not([open]) > :not(summary)')) continue;
    if (el.hasAttribute('data-scroll-x') && el.getBoundingClientRect().height <= 64) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} scrolls sideways inside its box: ${el.scrollWidth}px in ${el.clientWidth}px`);
  }
  return problems;
}
