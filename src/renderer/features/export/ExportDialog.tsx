import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bundleFileName, figureFileName, FORMAT_MEDIA_TYPES } from '../../../shared/figures/file-names.ts';
import { dpiChoices, figureFormats, figureOptionsSchema, PRESETS, presetIds, resolveSize, sizeUnits, type FigureFormat, type FigureOptions, type PresetId, type SizeUnit } from '../../../shared/figures/presets.ts';
import { LANGUAGES } from '../../../shared/i18n/languages.ts';
import { parseViewSpec, type ViewSpecInput } from '../../../shared/view-spec.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { downloadBytes } from '../explorer/download.ts';

interface Props {
  spec: ViewSpecInput;
  datasetVersion: string | null;
}

/** The button beside a figure that opens its Export dialog. */
export function ExportButton({ spec, datasetVersion }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('export.open')}
      </button>
      {open && <ExportDialog spec={spec} datasetVersion={datasetVersion} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Whether the export has a raster file (PNG, or TIFF, which has the PNG's pixels). */
function hasRaster(formats: FigureFormat[]): boolean {
  return formats.includes('png') || formats.includes('tiff');
}

/**
 * Export a figure for a paper: a journal's preset (or a custom size), resolution, text size,
 * font, formats, plain or with title and notes, greyscale-safe, gridlines, and the figure's
 * own language. The preview is the exported file itself, drawn by the engine.
 */
export function ExportDialog({ spec, datasetVersion, onClose }: Props & { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const [options, setOptions] = useState<FigureOptions>(() => figureOptionsSchema.parse({ language: LANGUAGES.some((l) => l.code === i18n.language) ? i18n.language : 'en-GB' }));
  const [formats, setFormats] = useState<FigureFormat[]>(PRESETS['nature-single'].formats);
  const [preview, setPreview] = useState<{ url: string; format: FigureFormat; bytes: number } | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preset = PRESETS[options.preset];
  // The preview is the engine's PNG: the exported one itself when a raster file is asked
  // for; else the vector figure drawn with the very fonts its PDF embeds (an SVG shown in
  // the page would be set in whatever fonts the browser has).
  const raster = hasRaster(formats);
  const shown: FigureFormat = 'png';
  const request = { spec: parseViewSpec(spec), figure: options, datasetVersion };
  const previewRequest = { ...request, figure: raster ? options : { ...options, dpi: 300 as const } };
  const key = JSON.stringify({ options, raster, spec });

  useEffect(() => {
    dialog.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // The preview: the engine's own file for these settings; an older answer that arrives late is dropped.
  useEffect(() => {
    let current = true;
    let url: string | null = null;
    setState('loading');
    const size = resolveSize(options);
    if (!size.ok) {
      setProblem(t(`errors.figure-invalid`, { context: size.problem.kind, ...size.problem }));
      setState('error');
      return;
    }
    api.renderFigure({ ...previewRequest, format: shown }).then(
      (bytes) => {
        if (!current) return;
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: FORMAT_MEDIA_TYPES[shown] }));
        setPreview({ url, format: shown, bytes: bytes.length });
        setProblem(null);
        setState('ready');
      },
      (error: unknown) => {
        if (!current) return;
        setProblem(errorMessage(error, t));
        setState('error');
      },
    );
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
    // The key stands for the request.
  }, [api, key, t]);

  const set = <K extends keyof FigureOptions>(name: K, value: FigureOptions[K]) => setOptions((o) => ({ ...o, [name]: value }));
  const choosePreset = (id: PresetId) => {
    const next = PRESETS[id];
    setOptions((o) => ({ ...o, preset: id, pt: undefined, dpi: undefined, ...(id === 'custom' ? { width: o.width ?? 120, height: o.height, unit: o.unit } : { width: undefined, height: undefined }) }));
    setFormats(next.formats);
  };
  const toggleFormat = (format: FigureFormat, on: boolean) => setFormats((f) => (on ? figureFormats.filter((x) => x === format || f.includes(x)) : f.filter((x) => x !== format)));

  const save = async (bundle: boolean) => {
    setSaving(true);
    try {
      const parsed = request.spec;
      if (bundle) downloadBytes(await api.exportFigureBundle({ ...request, formats }), bundleFileName(parsed, options), 'application/zip');
      else for (const format of formats) downloadBytes(await api.renderFigure({ ...request, format }), figureFileName(parsed, options, format), FORMAT_MEDIA_TYPES[format]);
    } catch (error) {
      setProblem(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };

  const dpi = options.dpi ?? preset.dpi;
  const pt = options.pt ?? preset.pt.standard;
  return (
    <div className="export-backdrop">
      <div ref={dialog} className="export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="export-head">
          <h2 id={titleId}>{t('export.heading')}</h2>
          <button type="button" onClick={onClose}>{t('export.close')}</button>
        </div>
        <div className="export-body">
          <form className="export-settings" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('export.preset')}
              <select value={options.preset} onChange={(e) => choosePreset(e.target.value as PresetId)}>
                {presetIds.map((id) => <option key={id} value={id}>{t(`figure.preset.${id}`)}</option>)}
              </select>
            </label>
            {options.preset === 'custom' && (
              <div className="row">
                <label>
                  {t('export.width')}
                  <input type="number" min={1} step="any" value={options.width ?? ''} onChange={(e) => set('width', e.target.value === '' ? undefined : Number(e.target.value))} />
                </label>
                <label>
                  {t('export.height')}
                  <input type="number" min={1} step="any" value={options.height ?? ''} placeholder={t('export.heightAuto')} onChange={(e) => set('height', e.target.value === '' ? undefined : Number(e.target.value))} />
                </label>
                <label>
                  {t('export.unit')}
                  <select value={options.unit} onChange={(e) => set('unit', e.target.value as SizeUnit)}>
                    {sizeUnits.map((u) => <option key={u} value={u}>{t(`export.units.${u}`)}</option>)}
                  </select>
                </label>
              </div>
            )}
            <div className="row">
              <label>
                {t('export.dpi')}
                <select value={dpi} onChange={(e) => set('dpi', Number(e.target.value) as FigureOptions['dpi'])}>
                  {dpiChoices.map((d) => <option key={d} value={d}>{t('export.dpiValue', { dpi: d })}</option>)}
                </select>
              </label>
              <label>
                {t('export.pt')}
                <input type="number" min={1} max={36} step={0.5} value={pt} onChange={(e) => set('pt', Number(e.target.value))} aria-describedby={`${titleId}-pt`} />
              </label>
            </div>
            <p className="help" id={`${titleId}-pt`}>{t('export.ptHelp', { min: preset.pt.min, max: preset.pt.max })}</p>
            <label>
              {t('export.font')}
              <select value={options.font} onChange={(e) => set('font', e.target.value as FigureOptions['font'])}>
                <option value="arimo">{t('export.fonts.arimo')}</option>
                <option value="noto-sans">{t('export.fonts.noto-sans')}</option>
              </select>
            </label>
            <fieldset>
              <legend>{t('export.formats')}</legend>
              {figureFormats.map((f) => (
                <label key={f} className="check">
                  <input type="checkbox" checked={formats.includes(f)} onChange={(e) => toggleFormat(f, e.target.checked)} />
                  {t(`figure.format.${f}`)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('export.options')}</legend>
              <label className="check">
                <input type="checkbox" checked={options.plain} onChange={(e) => set('plain', e.target.checked)} />
                {t('export.plain')}
              </label>
              <label className="check">
                <input type="checkbox" checked={options.greyscale} onChange={(e) => set('greyscale', e.target.checked)} />
                {t('export.greyscale')}
              </label>
              <label className="check">
                <input type="checkbox" checked={options.gridlines} onChange={(e) => set('gridlines', e.target.checked)} />
                {t('export.gridlines')}
              </label>
            </fieldset>
            <label>
              {t('export.language')}
              <select value={options.language} onChange={(e) => set('language', e.target.value)}>
                {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
              </select>
            </label>
            <div className="row export-actions">
              <button type="button" onClick={() => void save(false)} disabled={saving || formats.length === 0 || state === 'error'}>{t('export.download', { count: formats.length })}</button>
              <button type="button" onClick={() => void save(true)} disabled={saving || formats.length === 0 || state === 'error'}>{t('export.bundle')}</button>
            </div>
            <p className="help">{t('export.bundleHelp')}</p>
          </form>
          <div className="export-preview" aria-busy={state === 'loading'} data-preview-state={state} data-preview-format={preview?.format ?? ''}>
            <p className="help">{raster ? t('export.previewRaster', { dpi }) : t('export.previewVector')}</p>
            {problem && <p role="alert" className="error">{problem}</p>}
            {preview && state !== 'error' && <img src={preview.url} alt={t('export.previewAlt')} />}
          </div>
        </div>
      </div>
    </div>
  );
}
