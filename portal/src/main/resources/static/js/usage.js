// Draws a service's month of usage from its usage.json (no inline script: the CSP forbids it):
// the 5-minute rate in and out, the billed 95th percentile and the commit as lines, the dropped
// top 5 % crossed; and the transfer per day against the quota.
(function () {
  const rate = document.getElementById('rate-chart');
  if (!rate || typeof Chart === 'undefined') {
    return;
  }
  const utc = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
  fetch(rate.dataset.src, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => response.json())
    .then((d) => {
      const x = (i) => d.firstBucketEpochSecond + i * d.bucketSeconds;
      // bytes in a 5-minute bucket to Mbps, as the 95th percentile counts them
      const mbps = (bytes) => (bytes * 8) / d.bucketSeconds / 1e6;
      const points = (values) => values.map((v, i) => ({ x: x(i), y: mbps(v) }));
      const first = x(0);
      const last = x(Math.max(0, d.bytesIn.length - 1));
      const flat = (value) => [{ x: first, y: Number(value) }, { x: last, y: Number(value) }];
      const datasets = [
        { label: 'In (Mbps)', data: points(d.bytesIn), borderColor: '#1f5fbf', borderWidth: 1, pointRadius: 0 },
        { label: 'Out (Mbps)', data: points(d.bytesOut), borderColor: '#1e7b34', borderWidth: 1, pointRadius: 0 },
        { label: '95th percentile billed: ' + d.billedMbps + ' Mbps', data: flat(d.billedMbps), borderColor: '#b3261e', borderWidth: 2, pointRadius: 0 }
      ];
      if (d.commitMbps !== null) {
        datasets.push({ label: 'Commit: ' + d.commitMbps + ' Mbps', data: flat(d.commitMbps), borderColor: '#8a5a00', borderDash: [6, 4], borderWidth: 2, pointRadius: 0 });
      }
      const dropped = d.mode === 'OUT_ONLY' ? d.droppedOut : d.droppedIn;
      const droppedValues = d.mode === 'OUT_ONLY' ? d.bytesOut : d.bytesIn;
      datasets.push({
        label: 'Dropped top 5 % (' + dropped.length + ')', type: 'scatter', showLine: false,
        data: dropped.map((i) => ({ x: x(i), y: mbps(droppedValues[i]) })),
        borderColor: '#b3261e', pointStyle: 'crossRot', pointRadius: 3
      });
      new Chart(rate, {
        type: 'line',
        data: { datasets: datasets },
        options: {
          animation: false, responsive: false, parsing: false, normalized: true,
          scales: {
            x: { type: 'linear', min: first, max: last, ticks: { callback: (v) => utc(v).slice(0, 10), maxTicksLimit: 12 } },
            y: { beginAtZero: true, title: { display: true, text: 'Mbps' } }
          },
          plugins: { tooltip: { callbacks: { title: (items) => utc(items[0].parsed.x) + ' UTC' } } }
        }
      });
      rate.dataset.drawn = String(d.bytesIn.length);
      rate.dataset.billed = String(d.billedMbps);

      const daily = document.getElementById('daily-chart');
      const sets = [{ label: 'Transfer per day (' + d.quotaUnit + ')', data: d.dailyUnits.map(Number), backgroundColor: '#1f5fbf' }];
      if (d.quotaUnits !== null) {
        let sum = 0;
        sets.push({ label: 'Month to date', type: 'line', data: d.dailyUnits.map((v) => (sum += Number(v))), borderColor: '#1e7b34', pointRadius: 0 });
        sets.push({ label: 'Quota: ' + d.quotaUnits + ' ' + d.quotaUnit, type: 'line', data: d.days.map(() => Number(d.quotaUnits)), borderColor: '#b3261e', borderDash: [6, 4], pointRadius: 0 });
      }
      new Chart(daily, { type: 'bar', data: { labels: d.days, datasets: sets }, options: { animation: false, responsive: false } });
      daily.dataset.drawn = String(d.days.length);
    });
})();
