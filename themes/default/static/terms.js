// Glossary terms' tooltips (see lectern.css): Escape hides the one shown; it shows again the
// next time the pointer or focus comes to its term.
(function () {
  'use strict';
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('.term-wrap:hover, .term-wrap:focus-within')
      .forEach((w) => w.classList.add('tip-off'));
  });
  for (const type of ['mouseout', 'focusout']) {
    document.addEventListener(type, (e) => {
      const w = e.target.closest && e.target.closest('.term-wrap');
      if (w && !w.contains(e.relatedTarget)) w.classList.remove('tip-off');
    });
  }
})();
