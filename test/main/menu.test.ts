import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../src/main/menu.ts';
import menu from '../../src/shared/i18n/locales/en-GB/menu.json' with { type: 'json' };

/** Looks a key up in the British English menu resource, failing loudly on a missing one. */
function t(key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], menu);
  if (typeof value !== 'string') throw new Error(`menu.json has no key ${key}`);
  return value;
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function build(overrides: { isPackaged?: boolean; platform?: NodeJS.Platform } = {}) {
  const actions = { addDataFolder: vi.fn(), importFile: vi.fn(), showAbout: vi.fn() };
  const template = menuTemplate(
    { t, isPackaged: overrides.isPackaged ?? true, platform: overrides.platform ?? 'linux', appName: 'Sprig' },
    actions,
  );
  return { template, actions, labels: items(template).map((item) => item.label) };
}

describe('the application menu', () => {
  it('has File, Edit, View and Help, every label from menu.json', () => {
    const { template, labels } = build();
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const separators = items(template).filter((item) => item.type === 'separator').length;
    expect(labels.filter((label) => label !== undefined)).toHaveLength(items(template).length - separators);
  });

  it('offers "Add data folder…", "Import a file…" and Quit under File', () => {
    const { template, actions } = build();
    const file = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(file.map((item) => item.label ?? item.type)).toEqual(['Add data folder…', 'Import a file…', 'separator', 'Quit']);
    (file[0]?.click as () => void)();
    expect(actions.addDataFolder).toHaveBeenCalledOnce();
    (file[1]?.click as () => void)();
    expect(actions.importFile).toHaveBeenCalledOnce();
    expect(file[3]?.role).toBe('quit');
  });

  it('offers developer tools only in a development build', () => {
    expect(build({ isPackaged: true }).labels).not.toContain('Toggle developer tools');
    expect(build({ isPackaged: false }).labels).toContain('Toggle developer tools');
  });

  it('shows About from Help', () => {
    const { template, actions } = build();
    const help = template[3]?.submenu as MenuItemConstructorOptions[];
    (help[0]?.click as () => void)();
    expect(actions.showAbout).toHaveBeenCalledOnce();
  });

  it('puts About and Quit in the application menu on macOS', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((item) => item.label)).toEqual(['Sprig', 'File', 'Edit', 'View']);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.label ?? item.type)).toContain('About Sprig');
    expect(appMenu.at(-1)?.role).toBe('quit');
    expect((template[1]?.submenu as MenuItemConstructorOptions[]).map((item) => item.label)).toEqual(['Add data folder…', 'Import a file…']);
  });
});
