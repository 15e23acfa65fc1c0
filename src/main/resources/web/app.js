'use strict';
// storywatch dashboard. Every string that comes from an article is put into the page with textContent or a text
// node, never as HTML; the Content-Security-Policy forbids inline script as a second line of defence.
(function () {
  const COLORS = { safety: '#2f6fca', acceleration: '#e0662c' };
  const FALLBACK_COLORS = ['#6c4fb3', '#1f8a4c', '#8c564b', '#17becf'];
  const LABELS = { pos: '正面 pos', neg: '负面 neg', neu: '中性 neu', mixed: '混合 mixed', absent: '未提及 absent' };
  const LANGUAGES = ['zh', 'en'];
  const state = { story: null, window: '1d', from: '', to: '', series: {}, sources: new Set(), selection: null,
    lang: initialLanguage(), corrections: false, storyId: new URLSearchParams(window.location.search).get('story') || '' };
  let sentimentChart = null;
  let coverageChart = null;
  let refreshTimer = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** A GET of the API for the story shown (the dashboard's first story when none was chosen). */
  async function getJson(path, params) {
    const url = new URL(path, window.location.origin);
    Object.entries({ story: state.storyId, ...(params || {}) }).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    });
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  function rangeParams() {
    return { from: state.from, to: state.to ? nextDay(state.to) : '' };
  }

  function nextDay(date) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  /** The reader's language: the one chosen on the page before, else the first of the browser's that the story has. */
  function initialLanguage() {
    let saved = null;
    try { saved = window.localStorage.getItem('storywatch.lang'); } catch (e) { /* storage may be off */ }
    if (LANGUAGES.includes(saved)) return saved;
    const preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language])
      .map((l) => String(l || '').toLowerCase().slice(0, 2)).find((l) => LANGUAGES.includes(l));
    return preferred || 'zh';
  }

  function setLanguage(lang) {
    state.lang = lang;
    try { window.localStorage.setItem('storywatch.lang', lang); } catch (e) { /* storage may be off */ }
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
    document.body.dataset.lang = lang;
    $('language-select').value = lang;
  }

  /** A name the story gives, in the reader's language; the id when the story names it not. */
  function storyName(group, id) {
    const names = state.story && state.story[group] && state.story[group][id];
    return (names && names[state.lang]) || id;
  }

  function factionName(faction) {
    return storyName('factions', faction);
  }

  function entityName(entity) {
    return storyName('entities', entity);
  }

  /** A story's name on the page, its id in the tooltip. */
  function named(tag, className, text, id) {
    const node = el(tag, className, text);
    node.title = id;
    return node;
  }

  function factionColor(faction, index) {
    return COLORS[faction] || FALLBACK_COLORS[index % FALLBACK_COLORS.length];
  }

  function labelOf(score) {
    return score > 0.15 ? 'pos' : score < -0.15 ? 'neg' : 'neu';
  }

  function signed(x) {
    return (x > 0 ? '+' : x < 0 ? '−' : '±') + Math.abs(x).toFixed(2);
  }

  function when(iso) {
    if (!iso) return '';
    return state.window === '1h' ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
  }

  function scoreSpan(score, label) {
    return el('span', 'score ' + (label || labelOf(score)), signed(score));
  }

  // ---- sentiment over time ------------------------------------------------------------------------------------

  function renderSentiment(series) {
    state.series = series;
    const factions = Object.keys(series);
    const chartSeries = [];
    factions.forEach((faction, i) => {
      const color = factionColor(faction, i);
      const points = series[faction];
      const t = (p) => Date.parse(p.windowStart);
      if (points.some((p) => p.ci95)) {
        // one item that draws the faction's whole band: stacking cannot, ECharts stacks only same-sign values
        chartSeries.push({
          name: faction + ' ci-band', type: 'custom', silent: true, tooltip: { show: false }, z: 1, clip: true,
          encode: { x: 0, y: 1 },
          renderItem: (params, api) => band(api, points, color),
          data: [[t(points[0]), 0]],
        });
      }
      // whiskers as well as the band: a window with no neighbour has no band to draw, only its interval
      chartSeries.push({
        name: faction + ' ci-whisker', type: 'custom', silent: true, tooltip: { show: false }, z: 1, clip: true,
        encode: { x: 0, y: [1, 2] },
        renderItem: (params, api) => whisker(api, color),
        data: points.filter((p) => p.ci95).map((p) => [t(p), p.ci95.low, p.ci95.high]),
      });
      // a window holding an article an analyst corrected is drawn as a diamond
      chartSeries.push({
        id: 'mean-' + faction, name: faction, type: 'line', color: color, showAllSymbol: true, symbolSize: 8,
        lineStyle: { width: 2 },
        data: points.map((p) => ({
          value: [t(p), p.meanScore],
          symbol: p.corrected ? (p.lowSample ? 'emptyDiamond' : 'diamond') : (p.lowSample ? 'emptyCircle' : 'circle'),
          symbolSize: p.corrected ? 12 : 8,
        })),
      });
    });
    sentimentChart.setOption({
      animation: false,
      grid: { left: 48, right: 24, top: 28, bottom: 64 },
      tooltip: { trigger: 'item', formatter: sentimentTooltip },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: -1, max: 1, name: '情绪 score', nameGap: 12 },
      dataZoom: [{ type: 'inside', filterMode: 'none' }, { type: 'slider', height: 20, bottom: 12, filterMode: 'none' }],
      series: chartSeries,
    }, { replaceMerge: ['series'] });

    const chartNode = $('sentiment-chart');
    chartNode.dataset.factions = factions.join(',');
    chartNode.dataset.points = JSON.stringify(Object.fromEntries(factions.map((f) => [f, series[f].length])));
    chartNode.dataset.corrected = JSON.stringify(Object.fromEntries(factions.map((f) =>
      [f, series[f].filter((p) => p.corrected).length])));

    const legend = $('sentiment-legend');
    clear(legend);
    factions.forEach((faction, i) => {
      const item = el('span', 'legend-item');
      item.dataset.faction = faction;
      const swatch = el('span', 'legend-swatch ' + faction);
      swatch.style.background = factionColor(faction, i);
      item.title = faction;
      item.append(swatch, el('span', null, factionName(faction) + ' (' + series[faction].length + ')'));
      legend.append(item);
    });
  }

  /** Polygons between consecutive windows that have an interval, from upper bounds back along lower ones. */
  function band(api, points, color) {
    const children = [];
    let run = [];
    const flush = () => {
      if (run.length >= 2) {
        const upper = run.map((p) => api.coord([Date.parse(p.windowStart), p.ci95.high]));
        const lower = run.map((p) => api.coord([Date.parse(p.windowStart), p.ci95.low])).reverse();
        children.push({ type: 'polygon', shape: { points: upper.concat(lower) }, style: { fill: color, opacity: 0.14 } });
      }
      run = [];
    };
    points.forEach((p) => { if (p.ci95) run.push(p); else flush(); });
    flush();
    return { type: 'group', children };
  }

  function whisker(api, color) {
    const low = api.coord([api.value(0), api.value(1)]);
    const high = api.coord([api.value(0), api.value(2)]);
    const style = { stroke: color, lineWidth: 1.5, opacity: 0.55 };
    const cap = (y) => ({ type: 'line', shape: { x1: low[0] - 4, y1: y, x2: low[0] + 4, y2: y }, style });
    return {
      type: 'group',
      children: [{ type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
        cap(low[1]), cap(high[1])],
    };
  }

  function sentimentTooltip(params) {
    const faction = params.seriesName;
    const point = (state.series[faction] || [])[params.dataIndex];
    if (!point) return '';
    const box = el('div');
    box.append(el('strong', null, factionName(faction)), el('br'), el('span', null, when(point.windowStart)),
      el('br'), el('span', null, '均值 mean ' + signed(point.meanScore)));
    if (point.ci95) {
      box.append(el('br'), el('span', null, '95% CI [' + signed(point.ci95.low) + ', ' + signed(point.ci95.high) + ']'));
    }
    box.append(el('br'), el('span', null, point.articles + ' 篇 articles · ' + point.mentions + ' 次提及 mentions'));
    if (point.lowSample) box.append(el('br'), el('span', null, '样本少 low sample'));
    if (point.corrected) box.append(el('br'), el('span', null, point.corrected + ' 篇经人工纠正 corrected by analysts'));
    const aggregate = point.aggregate || {};
    if (typeof aggregate.copies === 'number' && aggregate.copies > 0) {
      box.append(el('br'), el('span', null, '转载 copies ' + aggregate.copies + ' · 触达 reach ' + aggregate.reach));
    }
    if (aggregate.final === false) box.append(el('br'), el('span', null, '窗口未关闭 open: may still change'));
    box.append(el('br'), el('span', null, '来源 ' + point.basis + ' stage'));
    return box;
  }

  /** The point nearest to a click, within reach: clicking near a point is enough. */
  function nearestPoint(x, y) {
    let best = null;
    Object.entries(state.series).forEach(([faction, points]) => {
      points.forEach((point) => {
        const pixel = sentimentChart.convertToPixel({ seriesId: 'mean-' + faction },
          [Date.parse(point.windowStart), point.meanScore]);
        if (!pixel) return;
        const distance = Math.hypot(pixel[0] - x, pixel[1] - y);
        if (distance <= 24 && (!best || distance < best.distance)) best = { faction, point, distance };
      });
    });
    return best;
  }

  async function selectPoint(faction, point) {
    state.selection = { kind: 'point', faction, windowStart: point.windowStart };
    const evidence = await getJson('/api/evidence', {
      kind: 'faction', target: faction, windowStart: point.windowStart, window: state.window,
    });
    const p = evidence.point || point;
    const summary = $('evidence-summary');
    clear(summary);
    summary.className = '';
    summary.append(el('strong', null, factionName(faction) + ' · ' + when(p.windowStart) + ' (' + state.window + ')'),
      el('span', null, ' 均值 mean '), scoreSpan(p.meanScore));
    if (p.ci95) summary.append(el('span', 'ci', '95% CI [' + signed(p.ci95.low) + ', ' + signed(p.ci95.high) + ']'));
    summary.append(el('span', null, ' · ' + p.articles + ' 篇 articles'));
    if (p.lowSample) summary.append(el('span', 'low-sample', '样本少 low sample'));
    if (p.corrected) summary.append(el('span', 'corrected', p.corrected + ' 篇经人工纠正 corrected by analysts'));
    const list = $('evidence-list');
    clear(list);
    if (evidence.articles.length === 0) list.append(el('div', 'empty', '没有依据 No evidence'));
    evidence.articles.forEach((item) => list.append(evidenceArticle(item.article, item.score, item.label,
      item.sentences)));
  }

  async function showArticle(id) {
    state.selection = { kind: 'article', id };
    const detail = await getJson('/api/articles/' + encodeURIComponent(id));
    const summary = $('evidence-summary');
    clear(summary);
    summary.className = '';
    summary.append(el('strong', null, '文章 Article'), el('span', 'meta', ' ' + detail.article.id));
    const list = $('evidence-list');
    clear(list);
    list.append(evidenceArticle(detail.article, null, null, detail.evidence, detail.analysis.corrections || []));
  }

  /** Shows again what is shown now: after a correction, once the pipeline has re-emitted the article. */
  function reselect() {
    const s = state.selection;
    if (!s) return Promise.resolve();
    if (s.kind === 'article') return showArticle(s.id);
    const point = (state.series[s.faction] || []).find((p) => p.windowStart === s.windowStart);
    return point ? selectPoint(s.faction, point) : Promise.resolve();
  }

  function evidenceArticle(article, score, label, sentences, corrections) {
    const box = el('article', 'evidence-article');
    box.dataset.articleId = article.id;
    box.append(el('h3', 'article-title', article.title || article.id));
    const meta = el('div', 'meta', [article.source, when(article.eventTime)].filter(Boolean).join(' · ') + ' ');
    if (score !== null && score !== undefined) {
      meta.append(el('span', null, '得分 score '), scoreSpan(score, label));
    }
    if (article.duplicateOf) meta.append(el('span', null, ' · 转载 copy of ' + article.duplicateOf));
    if (article.corrections) {
      meta.append(el('span', 'corrected', '已纠正 corrected (' + article.corrections + ')'));
    }
    if (!article.relevant) meta.append(el('span', 'low-sample', '不相关 irrelevant'));
    if (state.corrections) {
      const relevance = article.relevant ? 'irrelevant' : 'relevant';
      const button = el('button', 'correct-relevance', article.relevant ? '标为不相关 mark irrelevant'
        : '标为相关 mark relevant');
      button.type = 'button';
      button.addEventListener('click', () => box.append(correctionForm(
        { article: article.id, kind: 'relevance' }, [relevance], button)));
      meta.append(document.createTextNode(' '), button);
    }
    box.append(meta);
    if (!sentences || sentences.length === 0) box.append(el('div', 'empty', '没有打分句子 No scored sentence'));
    (sentences || []).forEach((sentence) => box.append(sentenceBlock(sentence, article.id, corrections || [])));
    return box;
  }

  /**
   * The form an analyst corrects a label with: the right label, a note, their name (kept in this browser). Sent as
   * JSON to /api/corrections; the page then shows the article again once the pipeline has applied it.
   */
  function correctionForm(subject, labels, opener) {
    opener.disabled = true;
    const form = el('form', 'correction-form');
    const choice = el('select', 'correction-label');
    labels.forEach((l) => {
      const option = el('option', null, LABELS[l] || l);
      option.value = l;
      choice.append(option);
    });
    const note = el('input', 'correction-note');
    note.placeholder = '说明 note';
    note.maxLength = 500;
    const analyst = el('input', 'correction-analyst');
    analyst.placeholder = '你的名字 your name';
    analyst.maxLength = 80;
    analyst.value = window.localStorage.getItem('storywatch.analyst') || '';
    const submit = el('button', 'correction-submit', '提交纠正 submit');
    submit.type = 'submit';
    const status = el('span', 'correction-status');
    form.append(el('span', null, '正确标签 right label '), choice, note, analyst, submit, status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      window.localStorage.setItem('storywatch.analyst', analyst.value);
      submit.disabled = true;
      const response = await fetch('/api/corrections', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ ...subject, newLabel: choice.value, note: note.value, analyst: analyst.value }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        form.dataset.state = 'sent';
        status.textContent = '已提交 sent: ' + body.oldLabel + ' → ' + body.newLabel;
      } else {
        form.dataset.state = 'refused';
        status.textContent = '未接受 refused: ' + (body.error || response.status);
        submit.disabled = false;
      }
    });
    return form;
  }

  /** The sentence as text nodes, its entity mentions wrapped in <mark> elements made here, not parsed. */
  function sentenceBlock(sentence, articleId, corrections) {
    const targets = Object.entries(sentence.targets || {});
    const mean = targets.length ? targets.reduce((s, [, t]) => s + t.score, 0) / targets.length : sentence.sentiment;
    const block = el('p', 'sentence ' + labelOf(mean));
    block.dataset.sentence = String(sentence.index);
    const text = sentence.text || '';
    let at = 0;
    (sentence.highlights || []).forEach((h) => {
      if (h.start < at || h.end > text.length) return;
      block.append(document.createTextNode(text.slice(at, h.start)));
      const mark = el('mark', null, text.slice(h.start, h.end));
      mark.title = h.entity;
      block.append(mark);
      at = h.end;
    });
    block.append(document.createTextNode(text.slice(at)));
    if (targets.length) {
      const line = el('span', 'targets');
      targets.forEach(([entity, t], i) => {
        if (i > 0) line.append(document.createTextNode(' · '));
        const target = el('span', 'target');
        target.dataset.target = entity;
        target.append(named('span', 'entity', entityName(entity), entity), document.createTextNode(' '),
          scoreSpan(t.score, t.label),
          document.createTextNode(' ' + (LABELS[t.label] || t.label)));
        const made = corrections.find((c) => c.kind === 'target-label' && c.sentence === sentence.index
          && c.target === entity);
        if (made) {
          const mark = el('span', 'corrected', '已纠正 corrected: ' + made.oldLabel + ' → ' + made.newLabel);
          mark.title = made.analyst + ' · ' + made.madeAt + (made.note ? ' · ' + made.note : '');
          target.append(document.createTextNode(' '), mark);
        }
        if (state.corrections && articleId) {
          const button = el('button', 'correct-target', '纠正 correct');
          button.type = 'button';
          button.addEventListener('click', () => block.append(correctionForm(
            { article: articleId, kind: 'target-label', sentence: sentence.index, target: entity },
            ['pos', 'neg', 'neu'].filter((l) => l !== t.label), button)));
          target.append(document.createTextNode(' '), button);
        }
        line.append(target);
      });
      block.append(line);
    }
    return block;
  }

  // ---- coverage, entities, articles, alerts -------------------------------------------------------------------

  function renderCoverage(coverage) {
    const t = (p) => Date.parse(p.windowStart);
    coverageChart.setOption({
      animation: false,
      grid: { left: 40, right: 16, top: 28, bottom: 28 },
      legend: { top: 0, data: ['原创 originals', '转载 copies'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1, name: '篇 articles' },
      series: [
        { name: '原创 originals', type: 'bar', stack: 'coverage', color: '#1f3b57', barMaxWidth: 18, barMinWidth: 3,
          data: coverage.map((p) => [t(p), p.articles]) },
        { name: '转载 copies', type: 'bar', stack: 'coverage', color: '#9fb3c8', barMaxWidth: 18, barMinWidth: 3,
          data: coverage.map((p) => [t(p), p.copies]) },
      ],
    }, { replaceMerge: ['series'] });
    $('coverage-chart').dataset.windows = String(coverage.length);
  }

  function renderEntities(entities) {
    const rows = $('entity-rows');
    clear(rows);
    if (entities.length === 0) {
      const row = el('tr');
      const cell = el('td', 'empty', '暂无 Nothing yet');
      cell.colSpan = 5;
      row.append(cell);
      rows.append(row);
    }
    entities.forEach((entity) => {
      const row = el('tr');
      row.dataset.entity = entity.entity;
      const camps = el('td');
      (entity.factions || []).forEach((f) => camps.append(named('span', 'badge ' + f, factionName(f), f)));
      const sentiment = el('td');
      sentiment.append(scoreSpan(entity.meanScore));
      if (entity.ci95) {
        sentiment.append(el('span', 'ci', '[' + signed(entity.ci95.low) + ', ' + signed(entity.ci95.high) + ']'));
      }
      if (entity.lowSample) sentiment.append(el('span', 'low-sample', '样本少 low'));
      row.tabIndex = 0;
      row.title = '筛选此实体的文章 show its articles';
      const pick = () => { $('filter-entity').value = entity.entity; scheduleRefresh(); };
      row.addEventListener('click', pick);
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
      row.append(named('td', 'entity', entityName(entity.entity), entity.entity), camps,
        el('td', 'num', entity.articles),
        el('td', 'num', entity.mentions), sentiment);
      rows.append(row);
    });
  }

  function renderArticles(articles) {
    articles.forEach((a) => { if (a.source) state.sources.add(a.source); });
    fillSelect($('filter-source'), [...state.sources].sort(), (s) => s);
    const list = $('article-list');
    clear(list);
    if (articles.length === 0) list.append(el('li', 'empty', '暂无文章 No articles yet'));
    articles.forEach((article) => {
      const item = el('li');
      item.tabIndex = 0;
      item.dataset.articleId = article.id;
      item.append(el('div', 'article-title', article.title || article.id));
      const meta = el('div', 'meta', [article.source, when(article.eventTime)].filter(Boolean).join(' · '));
      Object.entries(article.factions || {}).forEach(([faction, score]) => {
        if (score.label === 'absent') return;
        meta.append(named('span', 'badge ' + faction, factionName(faction) + ' ' + signed(score.score), faction));
      });
      if (!article.relevant) meta.append(el('span', 'badge', '不相关 off-topic'));
      if (article.duplicateOf) meta.append(el('span', 'badge', '转载 copy'));
      item.append(meta);
      item.addEventListener('click', () => showArticle(article.id));
      item.addEventListener('keydown', (e) => { if (e.key === 'Enter') showArticle(article.id); });
      list.append(item);
    });
  }

  /** A news.faction-alerts record (FactionShiftDetected); unknown shapes show their plain fields. */
  function renderAlerts(alerts) {
    const list = $('alert-list');
    clear(list);
    if (alerts.length === 0) list.append(el('li', 'empty', '暂无预警 No alerts yet'));
    alerts.forEach((alert) => {
      const item = el('li', 'alert');
      const arrow = alert.direction === 'down' ? '↓ 转负 down' : alert.direction === 'up' ? '↑ 转正 up' : '';
      item.append(el('strong', null, [alert.faction ? factionName(alert.faction) : '', when(alert.windowStart || ''),
        arrow].filter(Boolean).join(' · ')));
      if (typeof alert.shift === 'number') {
        item.append(el('div', 'meta', '均值 mean ' + signed(alert.meanScore) + '（' + alert.articles + ' 篇 articles）'
          + ' vs 基线 baseline ' + signed(alert.baselineMean) + '（' + alert.baselineArticles + ' 篇 articles, '
          + alert.baselineWindows + ' 天 days）· 变化 shift ' + signed(alert.shift)
          + ' · z = ' + Number(alert.zScore).toFixed(1)));
      } else {
        item.append(el('div', 'meta', Object.entries(alert).filter(([, v]) => typeof v !== 'object')
          .map(([k, v]) => k + '=' + v).join(' ')));
      }
      const evidence = el('ul', 'alert-evidence');
      (alert.evidence || []).forEach((article) => {
        const entry = el('li');
        entry.tabIndex = 0;
        entry.dataset.articleId = article.id;
        entry.append(el('span', 'article-title', article.title || article.id),
          el('span', 'meta', ' ' + [article.source, when(article.publishedAt || '')].filter(Boolean).join(' · ') + ' '),
          scoreSpan(article.score, article.label));
        entry.addEventListener('click', () => showArticle(article.id).catch(showError));
        entry.addEventListener('keydown', (e) => { if (e.key === 'Enter') showArticle(article.id).catch(showError); });
        evidence.append(entry);
      });
      if (evidence.firstChild) item.append(evidence);
      list.append(item);
    });
  }

  function fillSelect(select, values, name) {
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach((v) => {
      const option = el('option', null, name(v));
      option.value = v;
      option.title = v;
      select.append(option);
    });
    select.value = values.includes(chosen) ? chosen : '';
  }

  /** The story switch: shown when the dashboard follows more than one story. */
  function renderStories(stories, current) {
    const select = $('story-select');
    $('story-switch').hidden = !stories || stories.length < 2;
    if (!stories) return;
    const names = stories.map((s) => [s.id, state.lang === 'en' ? s.titleEn : s.titleZh]);
    // rebuilt only when the stories or their names change: a refresh must not close the menu a reader has open
    if (select.dataset.names !== JSON.stringify(names)) {
      clear(select);
      names.forEach(([id, name]) => {
        const option = el('option', null, name);
        option.value = id;
        option.title = id;
        select.append(option);
      });
      select.dataset.names = JSON.stringify(names);
    }
    if (select.value !== current) select.value = current;
  }

  /** Shows another story: its title, camps, windows and articles; what was selected belonged to the one before. */
  function switchStory(id) {
    state.storyId = id;
    state.selection = null;
    const url = new URL(window.location.href);
    url.searchParams.set('story', id);
    window.history.replaceState(null, '', url);
    clear($('evidence-list'));
    $('evidence-summary').className = 'muted';
    $('evidence-summary').textContent = '点击图中的数据点或右侧文章。Click a point in the chart, or an article.';
    $('filter-faction').value = '';
    $('filter-entity').value = '';
    scheduleRefresh();
  }

  function renderSummary(summary) {
    state.story = summary.story;
    renderStories(summary.stories, summary.story.id);
    document.body.dataset.story = summary.story.id;
    state.corrections = summary.corrections === true;
    $('story-title').textContent = state.lang === 'en' ? summary.story.titleEn : summary.story.titleZh;
    $('story-title').title = summary.story.id;
    const v = summary.view;
    const rejected = Object.values(v.rejected || {}).reduce((a, b) => a + b, 0);
    const late = Object.values(v.late || {}).reduce((a, b) => a + b, 0);
    const failed = Object.values(v.failed || {}).reduce((a, b) => a + b, 0);
    $('view-status').textContent = v.articles + ' 篇文章 articles · ' + v.relevant + ' 相关 relevant · '
      + v.duplicates + ' 转载 copies · ' + rejected + ' 拒收 rejected · ' + late + ' 迟到 late · '
      + failed + ' 失败 failed · v' + v.version;
    fillSelect($('filter-faction'), v.factions, factionName);
    fillSelect($('filter-entity'), v.entities, entityName);
  }

  // ---- loading and live updates -------------------------------------------------------------------------------

  async function refresh() {
    const range = rangeParams();
    const [summary, series, coverage, entities, articles, alerts] = await Promise.all([
      getJson('/api/summary'),
      getJson('/api/factions/series', { window: state.window, ...range }),
      getJson('/api/coverage', { window: state.window, ...range }),
      getJson('/api/entities/top', { limit: 12, ...range }),
      getJson('/api/articles', {
        limit: 40, faction: $('filter-faction').value, entity: $('filter-entity').value,
        source: $('filter-source').value, relevant: $('filter-relevant').checked ? 'true' : '', ...range,
      }),
      getJson('/api/alerts', { limit: 20 }),
    ]);
    renderSummary(summary);
    renderSentiment(series.series);
    renderCoverage(coverage.coverage);
    renderEntities(entities.entities);
    renderArticles(articles.articles);
    renderAlerts(alerts.alerts);
    document.body.dataset.version = String(summary.view.version);
    document.body.dataset.ready = 'true';
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refresh().catch(showError), 300);
  }

  function showError(error) {
    $('live-status').dataset.state = 'offline';
    $('live-status').textContent = '出错 error: ' + error.message;
  }

  function listen() {
    const status = $('live-status');
    const events = new EventSource('/api/events');
    events.addEventListener('open', () => { status.dataset.state = 'live'; status.textContent = '实时 live'; });
    events.addEventListener('update', () => {
      scheduleRefresh();
      // a correction being written stays open; otherwise the evidence shown follows the pipeline
      if (!document.querySelector('#evidence-list form:not([data-state="sent"])')) reselect().catch(showError);
    });
    events.addEventListener('error', () => { status.dataset.state = 'offline'; status.textContent = '离线 offline'; });
  }

  function start() {
    setLanguage(state.lang);
    $('language-select').addEventListener('change', (e) => { setLanguage(e.target.value); scheduleRefresh(); });
    $('story-select').addEventListener('change', (e) => switchStory(e.target.value));
    sentimentChart = echarts.init($('sentiment-chart'));
    coverageChart = echarts.init($('coverage-chart'));
    sentimentChart.getZr().on('click', (event) => {
      const hit = nearestPoint(event.offsetX, event.offsetY);
      if (hit) selectPoint(hit.faction, hit.point).catch(showError);
    });
    window.addEventListener('resize', () => { sentimentChart.resize(); coverageChart.resize(); });
    $('window-select').addEventListener('change', (e) => { state.window = e.target.value; scheduleRefresh(); });
    $('from-input').addEventListener('change', (e) => { state.from = e.target.value; scheduleRefresh(); });
    $('to-input').addEventListener('change', (e) => { state.to = e.target.value; scheduleRefresh(); });
    ['filter-faction', 'filter-entity', 'filter-source', 'filter-relevant'].forEach((id) =>
      $(id).addEventListener('change', scheduleRefresh));
    refresh().catch(showError);
    listen();
  }

  document.addEventListener('DOMContentLoaded', start);
}());
