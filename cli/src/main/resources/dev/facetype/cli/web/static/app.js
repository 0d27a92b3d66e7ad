// facetype's page: send a photo to /api/predict, draw a box on every face, show each face's types.
// Everything user-provided (file names, labels, server messages) is inserted as text, never as HTML.
'use strict';

(function () {
  const TEXT = {
    en: {
      tagline: 'What type is your face?',
      dropTitle: 'Drop a photo here, paste it, or choose one',
      dropHint: 'JPEG, PNG, GIF, BMP or TIFF, up to {size}. Every face in it gets a type.',
      choose: 'Choose a photo',
      chooseAnother: 'Choose another photo',
      working: 'Looking for faces…',
      privacy: 'Photos are read in this server\'s memory to answer, then forgotten: nothing is stored.',
      facesFound: n => (n === 1 ? '1 face found' : n + ' faces found'),
      face: 'Face {n}',
      uncertain: 'uncertain',
      noFaceTitle: 'No face found',
      noFaceText: 'Try a photo where the face looks at the camera, is well lit and not too small.',
      errorTitle: 'This photo could not be read',
      caption: '{w} × {h} px · answered in {ms} ms',
      previewUnavailable: 'Your browser cannot show this format, so the boxes are drawn on an empty frame.',
      modelLine: 'Types: {labels} · model trained with facetype {version}',
      errors: {
        upload_too_large: 'The photo is larger than {size}. Please choose a smaller one.',
        not_an_image: 'This file is not an image facetype can read (JPEG, PNG, GIF, BMP, TIFF).',
        unsupported_format: 'This image format (such as HEIC or WebP) is not supported. Please convert it to JPEG or PNG.',
        too_many_pixels: 'The photo has too many pixels to be processed safely.',
        corrupt_image: 'The photo is damaged or incomplete.',
        empty_upload: 'The file is empty.',
        busy: 'The server is busy. Please try again in a moment.',
        upload_timeout: 'The upload took too long. Please check the connection and try again.',
        network: 'The server could not be reached.',
        other: 'Something went wrong (HTTP {status}).'
      }
    },
    ja: {
      tagline: 'あなたの顔タイプは？',
      dropTitle: '写真をここにドロップ、貼り付け、または選択',
      dropHint: 'JPEG・PNG・GIF・BMP・TIFF、{size}まで。写っている顔すべてのタイプを判定します。',
      choose: '写真を選ぶ',
      chooseAnother: '別の写真を選ぶ',
      working: '顔を探しています…',
      privacy: '写真はこのサーバーのメモリ上で判定に使うだけで、保存されません。',
      facesFound: n => n + '人の顔が見つかりました',
      face: '顔 {n}',
      uncertain: '判定に自信なし',
      noFaceTitle: '顔が見つかりませんでした',
      noFaceText: '正面を向いた、明るく写った、小さすぎない顔の写真でお試しください。',
      errorTitle: 'この写真は判定できませんでした',
      caption: '{w} × {h} px ・ {ms} ms で判定',
      previewUnavailable: 'このブラウザではこの形式を表示できないため、枠だけを表示しています。',
      modelLine: 'タイプ: {labels} ・ facetype {version} で学習したモデル',
      errors: {
        upload_too_large: '写真が{size}を超えています。小さい写真を選んでください。',
        not_an_image: '画像ファイルではないか、読めない形式です（JPEG・PNG・GIF・BMP・TIFF）。',
        unsupported_format: 'この画像形式（HEIC・WebP など）には対応していません。JPEG か PNG に変換してください。',
        too_many_pixels: '画素数が多すぎるため、安全に処理できません。',
        corrupt_image: '画像が壊れているか、途中で切れています。',
        empty_upload: 'ファイルが空です。',
        busy: '混み合っています。少し待ってからもう一度お試しください。',
        upload_timeout: 'アップロードに時間がかかりすぎました。接続を確かめて、もう一度お試しください。',
        network: 'サーバーに接続できませんでした。',
        other: 'エラーが発生しました（HTTP {status}）。'
      }
    }
  };
  const COLORS = ['#e8833a', '#2f8fdd', '#3aa76d', '#c2418f', '#8a63d2', '#d4a514', '#1aa3a3', '#d64545'];
  const LANG_KEY = 'facetype.lang';
  const DETAILED = new Set(['unsupported_format', 'too_many_pixels', 'corrupt_image']);

  const $ = id => document.getElementById(id);
  const state = { lang: initialLanguage(), model: null, limits: null, view: null, objectUrl: null, request: 0 };

  function savedLanguage() {
    try {
      const saved = localStorage.getItem(LANG_KEY);
      if (saved === 'ja' || saved === 'en') return saved;
    } catch (e) { /* storage may be disabled */ }
    return null;
  }

  function initialLanguage() {
    const saved = savedLanguage();
    if (saved) return saved;
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of preferred) {
      const lower = String(tag).toLowerCase();
      if (lower.startsWith('ja')) return 'ja';
      if (lower.startsWith('en')) return 'en';
    }
    return 'en';
  }

  function t(key) {
    return TEXT[state.lang][key];
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }

  function megabytes(bytes) {
    const mb = bytes / (1024 * 1024);
    return (Number.isInteger(mb) ? mb : mb.toFixed(1)) + ' MB';
  }

  function percent(p) {
    const value = p * 100;
    return (value >= 99.95 ? '100' : value.toFixed(1)) + '%';
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- language

  function setLanguage(lang) {
    state.lang = lang;
    try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* not kept */ }
    applyLanguage();
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    const size = megabytes(state.limits ? state.limits.maxUploadBytes : 10 * 1024 * 1024);
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = fill(t(node.dataset.i18n), { size: size });
    }
    for (const button of document.querySelectorAll('.languages button')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    }
    renderModelLine();
    renderView();
  }

  // ---------------------------------------------------------------- model

  async function loadModel() {
    try {
      const response = await fetch('/api/model', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const body = await response.json();
      state.model = body.model;
      state.limits = body.limits;
      // The server's --lang is the default; the visitor's own choice on the page wins over it.
      if (!savedLanguage() && (body.pageLanguage === 'ja' || body.pageLanguage === 'en')) state.lang = body.pageLanguage;
      applyLanguage();
    } catch (e) { /* the page still works; limits are checked by the server */ }
  }

  function renderModelLine() {
    const line = $('model-line');
    if (!state.model) { line.textContent = ''; return; }
    line.textContent = fill(t('modelLine'), {
      labels: state.model.labels.join(' / '),
      version: state.model.facetypeVersion || '?'
    });
  }

  // ---------------------------------------------------------------- sending a photo

  async function send(file) {
    if (!file) return;
    const request = ++state.request;
    if (state.objectUrl) URL.revokeObjectURL(state.objectUrl);
    state.objectUrl = URL.createObjectURL(file);
    if (state.limits && file.size > state.limits.maxUploadBytes) {
      show({ kind: 'error', code: 'upload_too_large', status: 413 });
      return;
    }
    show({ kind: 'working' });
    const form = new FormData();
    form.append('photo', file, 'photo');
    let response;
    let body = null;
    try {
      response = await fetch('/api/predict', { method: 'POST', body: form, headers: { Accept: 'application/json' } });
      body = await response.json().catch(() => null);
    } catch (e) {
      if (request === state.request) show({ kind: 'error', code: 'network', status: 0 });
      return;
    }
    if (request !== state.request) return; // a newer photo was chosen meanwhile
    if (!response.ok) {
      const error = body && body.error ? body.error : {};
      show({ kind: 'error', code: error.code, status: response.status, detail: error.message });
      return;
    }
    show({ kind: 'result', prediction: body, imageUrl: state.objectUrl });
  }

  // ---------------------------------------------------------------- showing

  function show(view) {
    state.view = view;
    renderView();
  }

  function renderView() {
    const view = state.view;
    const status = $('status');
    const message = $('message');
    const result = $('result');
    status.hidden = !view || view.kind !== 'working';
    message.hidden = true;
    result.hidden = true;
    document.body.dataset.state = view ? view.kind : 'idle';
    $('drop-zone').classList.toggle('compact', !!view && view.kind !== 'working');
    const choose = document.querySelector('label[for="file-input"] span');
    choose.textContent = t(view ? 'chooseAnother' : 'choose');
    if (!view || view.kind === 'working') return;
    if (view.kind === 'error') {
      renderError(view);
      return;
    }
    const prediction = view.prediction;
    renderPhoto(prediction, view.imageUrl);
    result.hidden = false;
    $('no-face').hidden = prediction.faces.length > 0;
    if (prediction.faces.length === 0) document.body.dataset.state = 'noface';
  }

  function renderError(view) {
    const message = $('message');
    const errors = t('errors');
    const size = megabytes(state.limits ? state.limits.maxUploadBytes : 10 * 1024 * 1024);
    const text = fill(errors[view.code] || errors.other, { size: size, status: view.status });
    message.className = 'message error';
    message.dataset.code = view.code || '';
    const parts = [element('strong', null, t('errorTitle')), element('span', null, text)];
    // The server's own sentence (English) adds facts for some refusals: the format, the size, the damage.
    const known = Object.prototype.hasOwnProperty.call(errors, view.code);
    if (state.lang === 'en' && view.detail && (!known || DETAILED.has(view.code))) {
      parts.push(element('div', 'detail', view.detail));
    }
    message.replaceChildren(...parts);
    message.hidden = false;
  }

  function renderPhoto(prediction, imageUrl) {
    const frame = $('photo-frame');
    const image = $('photo');
    frame.classList.remove('no-preview');
    frame.replaceChildren(image);
    image.hidden = false;
    image.onerror = () => {
      // Formats the server reads but browsers do not show (TIFF, PGM): keep the boxes on an empty frame.
      image.hidden = true;
      frame.classList.add('no-preview');
      frame.style.setProperty('--ratio', prediction.width + ' / ' + prediction.height);
      $('photo-caption').textContent = t('previewUnavailable');
    };
    if (image.getAttribute('src') !== imageUrl) image.src = imageUrl;
    image.alt = t('facesFound')(prediction.faces.length);
    $('photo-caption').textContent = fill(t('caption'), {
      w: prediction.width, h: prediction.height, ms: prediction.elapsedMillis
    });
    $('faces-title').textContent = prediction.faces.length ? t('facesFound')(prediction.faces.length) : '';
    $('faces-title').hidden = prediction.faces.length === 0;
    const list = $('face-list');
    list.replaceChildren();
    prediction.faces.forEach((face, index) => {
      const color = COLORS[index % COLORS.length];
      frame.appendChild(faceBox(face, index, color, prediction));
      list.appendChild(faceCard(face, index, color));
    });
  }

  function faceBox(face, index, color, prediction) {
    const box = element('div', 'face-box');
    const left = clamp(face.box.x / prediction.width);
    const top = clamp(face.box.y / prediction.height);
    const right = clamp((face.box.x + face.box.width) / prediction.width);
    const bottom = clamp((face.box.y + face.box.height) / prediction.height);
    box.style.left = (left * 100) + '%';
    box.style.top = (top * 100) + '%';
    box.style.width = ((right - left) * 100) + '%';
    box.style.height = ((bottom - top) * 100) + '%';
    box.style.setProperty('--face-color', color);
    box.dataset.label = face.label;
    box.dataset.index = String(index + 1);
    if (top < 0.09) box.classList.add('tag-below');
    box.appendChild(element('span', 'face-tag', (index + 1) + '  ' + face.label + '  ' + percent(face.confidence)));
    return box;
  }

  function faceCard(face, index, color) {
    const card = element('li', 'face-card');
    card.style.setProperty('--face-color', color);
    card.dataset.label = face.label;
    const head = element('div', 'face-head');
    const number = element('span', 'face-number', String(index + 1));
    number.title = fill(t('face'), { n: index + 1 });
    head.append(number, element('span', 'face-label', face.label), element('span', 'face-percent', percent(face.confidence)));
    if (face.uncertain) head.appendChild(element('span', 'badge', t('uncertain')));
    card.appendChild(head);
    const bars = element('dl', 'bars');
    // The API lists the types in the model's order; the bars show the most probable first.
    const ranked = Object.entries(face.probabilities).sort((a, b) => b[1] - a[1]);
    ranked.forEach(([label, probability], rank) => {
      const row = element('div', 'bar-row' + (rank === 0 ? ' leading' : ''));
      row.dataset.label = label;
      const bar = element('div', 'bar');
      const fillBar = element('div', 'bar-fill');
      fillBar.style.width = (clamp(probability) * 100) + '%';
      bar.appendChild(fillBar);
      const value = element('dd');
      value.append(bar, element('span', 'bar-value', percent(probability)));
      row.append(element('dt', null, label), value);
      bars.appendChild(row);
    });
    card.appendChild(bars);
    return card;
  }

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  // ---------------------------------------------------------------- choosing, dropping, pasting

  // The server judges the content, so any file may be sent (a photo may come without a MIME type).
  function firstFile(files) {
    return files && files.length ? files[0] : null;
  }

  function wire() {
    for (const button of document.querySelectorAll('.languages button')) {
      button.addEventListener('click', () => setLanguage(button.dataset.lang));
    }
    const input = $('file-input');
    input.addEventListener('change', () => {
      send(firstFile(input.files));
      input.value = '';
    });
    const zone = $('drop-zone');
    zone.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); input.click(); }
    });
    let depth = 0;
    window.addEventListener('dragenter', event => { event.preventDefault(); depth++; zone.classList.add('dragging'); });
    window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; zone.classList.remove('dragging'); } });
    window.addEventListener('dragover', event => event.preventDefault());
    window.addEventListener('drop', event => {
      event.preventDefault();
      depth = 0;
      zone.classList.remove('dragging');
      send(firstFile(event.dataTransfer && event.dataTransfer.files));
    });
    window.addEventListener('paste', event => {
      const items = event.clipboardData ? Array.from(event.clipboardData.items) : [];
      const item = items.find(entry => entry.kind === 'file' && entry.type.startsWith('image/'));
      if (item) {
        event.preventDefault();
        send(item.getAsFile());
      }
    });
  }

  wire();
  applyLanguage();
  loadModel();
})();
