/*
 * The script of the HTML report, embedded into the page's <script> at build
 * time (scripts/embed-text.py; this comment is not embedded).  It sorts a
 * table.sortable by the clicked (or Enter-pressed) header: numbers by their
 * data-v, else the number the cell shows (empty cells last in both
 * directions), text by its content.  It
 * marks every svg.chart data-drawn="1" when it holds a mark, which the
 * browser test (tests/browser_test.sh) reads.  Written without '<' or '&'
 * so the page stays well-formed for strict parsers.
 */
(function () {
  function key(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell || cell.colSpan !== 1) return numeric ? NaN : '';
    var v = cell.getAttribute('data-v');
    if (numeric) {
      if (v !== null) return parseFloat(v);
      var t = cell.textContent.trim();
      if (t === '') return NaN;
      return t.indexOf('inf') >= 0 ? (t.charAt(0) === '-' ? -Infinity : Infinity) : parseFloat(t);
    }
    return (v === null ? cell.textContent : v).toLowerCase();
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute('data-type') === 'num';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric);
      if (numeric) {
        if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y);
        return ascending ? x - y : y - x;
      }
      if (x === y) return 0;
      return (x > y) === ascending ? 1 : -1;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.cells, function (other) {
      other.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    if (!table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.addEventListener('click', function () { sortBy(table, th, index); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') sortBy(table, th, index);
      });
    });
  });
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    svg.setAttribute('data-drawn', svg.querySelector('circle, path, rect') ? '1' : '0');
  });
  /* What a reader sees, for tests/browser_test.sh: where the verdict's
   * table sits, every table wider than its box (it would scroll
   * sideways), and how long the page took to lay out. */
  var root = document.documentElement;
  /* report.html#only-ID shows the section ID alone (one activation to
   * share or print); #open-all opens every folded table. */
  var only = location.hash.indexOf('#only-') === 0 ?
    document.getElementById(location.hash.slice(6)) : null;
  if (only) {
    document.body.className += ' only';
    only.className += ' shown';
  }
  /* #verdict-bf16 opens the verdict on its bf16 tab */
  var tab = /^#verdict-(f32|bf16|f16)$/.test(location.hash) ?
    document.getElementById(location.hash.slice(1)) : null;
  if (tab) tab.checked = true;
  if (location.hash === '#open-all')
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  var verdict = document.querySelector('#verdict table');
  if (verdict) {
    var box = verdict.getBoundingClientRect();
    root.setAttribute('data-verdict-top', Math.round(box.top + window.scrollY));
    root.setAttribute('data-verdict-bottom', Math.round(box.bottom + window.scrollY));
  }
  root.setAttribute('data-viewport', window.innerWidth + 'x' + window.innerHeight);
  void document.body.offsetHeight; /* lay the page out before measuring */
  var wide = 0;
  document.querySelectorAll('table').forEach(function (table) {
    var holder = table.parentElement;
    if (table.offsetWidth === 0) return;
    if (table.scrollWidth > table.clientWidth + 1 ||
        table.getBoundingClientRect().right > holder.getBoundingClientRect().right + 1) {
      table.setAttribute('data-overflows', '1');
      wide++;
    }
  });
  root.setAttribute('data-wide-tables', wide);
  /* parse and layout: from the end of reading the file to now */
  if (window.performance) {
    var nav = performance.getEntriesByType ? performance.getEntriesByType('navigation')[0] : null;
    var since = nav ? nav.responseEnd : 0;
    root.setAttribute('data-layout-ms', Math.round(performance.now() - since));
  }
})();
