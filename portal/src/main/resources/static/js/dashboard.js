// Draws finance's MRR and ARR chart from /finance/dashboard/mrr.json (no inline script: the CSP forbids it).
(function () {
  const canvas = document.getElementById('mrr-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  const colours = ['#1f5fbf', '#1e7b34', '#b3261e', '#8a5a00', '#6b3fa0', '#00707a'];
  fetch(canvas.dataset.src, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => response.json())
    .then((data) => {
      const datasets = [];
      data.series.forEach((s, i) => {
        const colour = colours[i % colours.length];
        datasets.push({ label: 'MRR ' + s.currency, data: s.mrr, borderColor: colour, backgroundColor: colour, yAxisID: 'mrr', tension: 0.2 });
        datasets.push({ label: 'ARR ' + s.currency, data: s.arr, borderColor: colour, backgroundColor: colour, borderDash: [6, 4], yAxisID: 'arr', tension: 0.2 });
      });
      new Chart(canvas, {
        type: 'line',
        data: { labels: data.months, datasets: datasets },
        options: {
          animation: false,
          responsive: false,
          scales: {
            mrr: { type: 'linear', position: 'left', title: { display: true, text: 'MRR' } },
            arr: { type: 'linear', position: 'right', title: { display: true, text: 'ARR' }, grid: { drawOnChartArea: false } }
          }
        }
      });
      canvas.dataset.drawn = String(data.months.length);
    });
})();
