/**
 * The ONE shared fake of the `electron` module (the real binary cannot run on
 * our build machines). vitest's `node` project aliases `electron` to this file,
 * so the adapters in `main/electron/` and the composition root import it
 * unchanged; tests import the same module instance by path for its controls.
 *
 * It is typed by Electron's own declarations so it cannot drift from the real
 * API: every class `implements Partial<Electron.X>` with constructor
 * parameters taken from `ConstructorParameters<typeof Electron.X>`, and every
 * singleton is checked with `satisfies Partial<...>` at the bottom. It records
 * what was called and offers controls a test needs (fire app events, press a
 * global shortcut, mark one as taken by another app, click a notification or
 * a tray menu item, choose the safeStorage backend, invoke an IPC handler from
 * a chosen sender frame/URL). Call {@link resetElectronFake} between tests.
 *
 * Behaviour mirrors the documented semantics the adapters rely on, e.g.
 * `globalShortcut.register` returns false when the accelerator is taken,
 * `nativeImage.createFromPath` yields an empty image for a missing file,
 * `safeStorage.encryptString` throws when encryption is unavailable, a
 * cancelled `close` event keeps the window alive.
 */

import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { rootCertificates } from 'node:tls';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Electron from 'electron';

/**
 * The non-event members of an Electron type, optional. Event methods are left
 * out: Electron types them per event name with `this` returns that a partial
 * fake cannot satisfy; the fakes extend Node's EventEmitter instead.
 */
export type Members<T> = Partial<Omit<T, keyof NodeJS.EventEmitter>>;

/** A preventable Electron event object (`Electron.Event`). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** Builds a preventable event, as Electron passes to `close`, `will-navigate`, `will-quit`. */
export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ------------------------------------------------------------------- app

type AppPathName = Parameters<Electron.App['getPath']>[0];

/** `app`: lifecycle events, paths, single-instance lock, login item, AppUserModelId. */
export class FakeApp extends EventEmitter implements Members<Electron.App> {
  isPackaged = false;
  /** Recorded `setAppUserModelId` calls. */
  appUserModelIds: string[] = [];
  /** Recorded `setLoginItemSettings` calls. */
  loginItemCalls: Electron.Settings[] = [];
  /** False: another instance holds the single-instance lock. */
  lockAvailable = true;
  lockRequested = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  focusCalls = 0;
  appPath = process.cwd();
  private pathBase = join(tmpdir(), 'gws-electron-fake');
  private ready = false;
  private readyWaiters: (() => void)[] = [];

  /** Controls: where `getPath(name)` points (`<base>/<name>`, created on demand). */
  setPathBase(dir: string): void {
    this.pathBase = dir;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return this.ready;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: AppPathName): string {
    const dir = join(this.pathBase, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'gws-secure-pause';
  }
  setAppUserModelId(id: string): void {
    this.appUserModelIds.push(id);
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return this.lockAvailable;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItemCalls.push(settings);
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    const last = this.loginItemCalls.at(-1);
    return {
      openAtLogin: last?.openAtLogin ?? false,
      wasOpenedAtLogin: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: last?.openAtLogin ?? false,
      launchItems: [],
    };
  }
  focus(): void {
    this.focusCalls += 1;
  }
  /**
   * Like Electron: `before-quit` (cancellable), then every window is asked to
   * close (a window that cancels its `close` cancels the quit), then
   * `will-quit` (cancellable), then `quit`.
   */
  quit(): void {
    this.quitCalls += 1;
    const before = fakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const win of windows.filter((w) => !w.destroyed)) win.close();
    if (windows.some((w) => !w.destroyed)) return;
    const will = fakeEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit', fakeEvent(), 0);
  }
  exit(exitCode = 0): void {
    this.exitCodes.push(exitCode);
  }
  /** Control: the app becomes ready (`ready` event, `whenReady` resolves). */
  fireReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit('ready', fakeEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  /** Control: a second launch of the app (`second-instance`). */
  fireSecondInstance(argv: string[] = ['electron', '.']): void {
    this.emit('second-instance', fakeEvent(), argv, process.cwd(), {});
  }
  /** Control: the dock icon was clicked (macOS `activate`). */
  fireActivate(hasVisibleWindows = false): void {
    this.emit('activate', fakeEvent(), hasVisibleWindows);
  }
  /** Test reset. */
  reset(): void {
    this.removeAllListeners();
    this.ready = false;
    this.readyWaiters = [];
    this.appUserModelIds = [];
    this.loginItemCalls = [];
    this.lockAvailable = true;
    this.lockRequested = false;
    this.quitCalls = 0;
    this.exitCodes = [];
    this.focusCalls = 0;
    this.appPath = process.cwd();
    this.isPackaged = false;
  }
}

// ------------------------------------------------------------ nativeImage

/** A `NativeImage` that remembers the file it came from. */
export class FakeNativeImage implements Partial<Electron.NativeImage> {
  private template = false;
  constructor(
    readonly path: string,
    private readonly empty: boolean,
  ) {}
  isEmpty(): boolean {
    return this.empty;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

/** `nativeImage`: `createFromPath` gives an empty image for a missing file, as Electron does. */
export const nativeImage = {
  createFromPath(path: string): Electron.NativeImage {
    return new FakeNativeImage(path, !existsSync(path)) as unknown as Electron.NativeImage;
  },
  createEmpty(): Electron.NativeImage {
    return new FakeNativeImage('', true) as unknown as Electron.NativeImage;
  },
};

// ------------------------------------------------------------------- Menu

type MenuTemplate = Parameters<typeof Electron.Menu.buildFromTemplate>[0];
type MenuItemOptions = Electron.MenuItemConstructorOptions;

/** A `Menu` built from a template; its items keep the template's options. */
export class FakeMenu implements Partial<Electron.Menu> {
  readonly template: MenuItemOptions[];
  constructor(template: MenuTemplate) {
    this.template = template.map((item) => ({ ...(item as MenuItemOptions) }));
  }
  static buildFromTemplate(template: MenuTemplate): Electron.Menu {
    return new FakeMenu(template) as unknown as Electron.Menu;
  }
  /** The items, as Electron exposes them (here: the template options). */
  get items(): Electron.MenuItem[] {
    return this.template as unknown as Electron.MenuItem[];
  }
  /** Labels in order (separators as `---`). */
  labels(): string[] {
    return this.template.map((item) => (item.type === 'separator' ? '---' : String(item.label ?? '')));
  }
  /** Finds an item by label (or by a label prefix). */
  item(label: string): MenuItemOptions | undefined {
    return this.template.find((item) => item.label === label || item.label?.startsWith(label));
  }
  /** Control: the user clicks the item labelled `label`; throws if absent or disabled. */
  click(label: string): void {
    const item = this.item(label);
    if (!item) throw new Error(`no menu item "${label}" in [${this.labels().join(', ')}]`);
    if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
    item.click?.(item as unknown as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
  }
}

export const Menu = FakeMenu;

// ------------------------------------------------------------------- Tray

/** Every Tray created (the adapter must keep a reference; tests read the last one). */
export const trays: FakeTray[] = [];

/** `Tray`: records image, tooltip, title and context menu. */
export class FakeTray extends EventEmitter implements Members<Electron.Tray> {
  image: Electron.NativeImage | string;
  toolTip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  /** Number of `setImage` / `setToolTip` / `setContextMenu` calls, to spot needless churn. */
  updates = 0;
  /** Every image path shown, in order (the constructor's first); a blank image is `''`. */
  readonly imageHistory: string[] = [];
  constructor(...args: ConstructorParameters<typeof Electron.Tray>) {
    super();
    this.image = args[0];
    this.imageHistory.push(
      typeof args[0] === 'string' ? args[0] : (args[0] as unknown as FakeNativeImage).path,
    );
    trays.push(this);
  }
  setImage(image: Electron.NativeImage | string): void {
    this.image = image;
    this.imageHistory.push(typeof image === 'string' ? image : (image as unknown as FakeNativeImage).path);
    this.updates += 1;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
    this.updates += 1;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    this.menu = menu as unknown as FakeMenu | null;
    this.updates += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The current image as a fake (for path / template assertions). */
  get fakeImage(): FakeNativeImage {
    return this.image as unknown as FakeNativeImage;
  }
}

export const Tray = FakeTray;

// ---------------------------------------------------------- Notification

/** Every Notification shown, in order. */
export const notifications: FakeNotification[] = [];

/** `Notification`: `show()` records it; {@link FakeNotification.click} fires `click`. */
export class FakeNotification extends EventEmitter implements Members<Electron.Notification> {
  static supported = true;
  readonly options: Electron.NotificationConstructorOptions;
  title: string;
  body: string;
  shown = false;
  closed = false;
  constructor(...args: ConstructorParameters<typeof Electron.Notification>) {
    super();
    this.options = args[0] ?? {};
    this.title = this.options.title ?? '';
    this.body = this.options.body ?? '';
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
    notifications.push(this);
    this.emit('show', fakeEvent());
  }
  close(): void {
    this.closed = true;
    this.emit('close', fakeEvent());
  }
  /** Control: the user clicks it. */
  click(): void {
    this.emit('click', fakeEvent());
  }
}

export const Notification = FakeNotification;

// ---------------------------------------------------------- globalShortcut

/** `globalShortcut`: OS-wide accelerators; some can be marked taken by another app. */
export class FakeGlobalShortcut implements Partial<Electron.GlobalShortcut> {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another application holds: `register` returns false for them. */
  readonly taken = new Set<string>();
  /** Every call in order, e.g. `register CommandOrControl+Alt+P`, `unregisterAll`. */
  readonly calls: string[] = [];
  register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (!/^[^+\s]+(\+[^+\s]+)*$/.test(accelerator)) {
      // Electron rejects an accelerator it cannot parse with a conversion error.
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    }
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.calls.push('unregisterAll');
    this.registered.clear();
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }
  /** Control: the user presses `accelerator` anywhere in the OS; false if nothing fired. */
  press(accelerator: string): boolean {
    const callback = this.registered.get(accelerator);
    callback?.();
    return callback !== undefined;
  }
  reset(): void {
    this.registered.clear();
    this.taken.clear();
    this.calls.length = 0;
  }
}

export const globalShortcut = new FakeGlobalShortcut();

// ----------------------------------------------------------- safeStorage

type StorageBackend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/** `safeStorage`: availability and Linux backend are test controls; ciphertext never contains the plaintext. */
export class FakeSafeStorage implements Partial<Electron.SafeStorage> {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';
  encryptCalls = 0;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    this.encryptCalls += 1;
    const bytes = Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a);
    return Buffer.concat([Buffer.from('v10'), bytes]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available)
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    if (encrypted.subarray(0, 3).toString() !== 'v10')
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  }
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
    this.encryptCalls = 0;
  }
}

export const safeStorage = new FakeSafeStorage();

// --------------------------------------------------- powerMonitor and net

/** `powerMonitor`: tests `emit('resume')`, `emit('unlock-screen')`, `emit('suspend')`. */
export class FakePowerMonitor extends EventEmitter implements Members<Electron.PowerMonitor> {
  onBatteryPower = false;
  isOnBatteryPower(): boolean {
    return this.onBatteryPower;
  }
}

export const powerMonitor = new FakePowerMonitor();

/**
 * `net`: `isOnline()` (the main process has no online event; `online` is the
 * control) and `request()`, which electron-updater downloads with. Chromium
 * checks certificates against the OS store; here that store is Node's roots
 * plus `trustedCertificates` (a test CA), the control.
 */
export const net = {
  online: true,
  trustedCertificates: [] as string[],
  isOnline(): boolean {
    return net.online;
  },
  request(options: Electron.ClientRequestConstructorOptions | string): Electron.ClientRequest {
    const o: Electron.ClientRequestConstructorOptions =
      typeof options === 'string' ? { url: options } : options;
    const target = o.url ? new URL(o.url) : undefined;
    const protocol = target?.protocol ?? o.protocol ?? 'https:';
    const send = protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send({
      protocol,
      hostname: target?.hostname ?? o.hostname,
      port: target?.port ?? o.port,
      path: target ? `${target.pathname}${target.search}` : o.path,
      method: o.method ?? 'GET',
      headers: o.headers,
      ca: [...rootCertificates, ...net.trustedCertificates],
    });
    return request as unknown as Electron.ClientRequest;
  },
};

/** `autoUpdater` (Electron's own): electron-updater emits `before-quit-for-update` on it. */
export const autoUpdater = new EventEmitter();

// ------------------------------------------------------- session, webRequest

type HeadersListener =
  | ((
      details: Electron.OnHeadersReceivedListenerDetails,
      callback: (response: Electron.HeadersReceivedResponse) => void,
    ) => void)
  | null;
type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

/** `session.webRequest`: keeps the `onHeadersReceived` listener so a test can run a response through it. */
export class FakeWebRequest implements Partial<Electron.WebRequest> {
  headersListener: HeadersListener = null;
  onHeadersReceived(...args: unknown[]): void {
    this.headersListener = (args.length > 1 ? args[1] : args[0]) as HeadersListener;
  }
  /** Control: a response arrives with `headers` for `url`; resolves with the headers the page gets. */
  receive(url: string, headers: Record<string, string[]>): Promise<Record<string, string[]>> {
    const listener = this.headersListener;
    if (!listener) return Promise.resolve(headers);
    return new Promise((resolve) => {
      listener(
        { url, responseHeaders: headers } as unknown as Electron.OnHeadersReceivedListenerDetails,
        (r) => resolve((r.responseHeaders as Record<string, string[]> | undefined) ?? headers),
      );
    });
  }
}

/** A `Session` with permission handlers and webRequest. */
export class FakeSession extends EventEmitter implements Members<Electron.Session> {
  readonly webRequest = new FakeWebRequest() as unknown as Electron.WebRequest;
  requestHandler: PermissionRequestHandler = null;
  checkHandler: PermissionCheckHandler = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }
  get fakeWebRequest(): FakeWebRequest {
    return this.webRequest as unknown as FakeWebRequest;
  }
  /** Control: a page asks for `permission`; resolves with the decision (granted if no handler, like Electron). */
  requestPermission(permission: string, contents: FakeWebContents): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(contents as unknown as Electron.WebContents, permission as never, resolve, {} as never),
    );
  }
  /** Control: a page checks `permission`; true if no handler, like Electron. */
  checkPermission(permission: string, origin: string): boolean {
    const handler = this.checkHandler;
    return handler ? handler(null, permission as never, origin, {} as never) : true;
  }
}

/** Sessions by partition name (`fromPartition`), e.g. electron-updater's own. */
const partitions = new Map<string, FakeSession>();

export const session = {
  defaultSession: new FakeSession() as unknown as Electron.Session,
  fromPartition(partition: string): Electron.Session {
    const existing = partitions.get(partition) ?? new FakeSession();
    partitions.set(partition, existing);
    return existing as unknown as Electron.Session;
  },
};

/** The default session as a fake. */
export function fakeDefaultSession(): FakeSession {
  return session.defaultSession as unknown as FakeSession;
}

// -------------------------------------------------- webContents and frames

/** A frame (`WebFrameMain`): its URL and parent; the top frame has no parent. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  routingId: number;
  processId: number;
}

let nextContentsId = 1;

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

/** `WebContents`: records `send`, keeps the window-open handler, fires navigation. */
export class FakeWebContents
  extends EventEmitter
  implements Members<Omit<Electron.WebContents, 'mainFrame'>>
{
  readonly id = nextContentsId++;
  readonly session = fakeDefaultSession() as unknown as Electron.Session;
  readonly mainFrame: FakeFrame = { url: '', parent: null, routingId: 1, processId: 1 };
  /** Every `send(channel, ...args)`. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    if (connectedRenderer === this) ipcRenderer.emit(channel, fakeEvent(), ...args);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Control: the page tries to navigate to `url`; true when a listener prevented it. */
  navigate(url: string): boolean {
    const event = fakeEvent();
    this.emit('will-navigate', Object.assign(event, { url }), url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return event.defaultPrevented;
  }
  /** Control: the page calls `window.open(url)`; the handler's answer (`allow` if none). */
  open(url: string): Electron.WindowOpenHandlerResponse {
    return this.windowOpenHandler?.({ url } as Electron.HandlerDetails) ?? { action: 'allow' };
  }
}

// --------------------------------------------------------- BrowserWindow

/** Every BrowserWindow created. */
export const windows: FakeBrowserWindow[] = [];

/** `BrowserWindow`: options recorded, show/hide/focus state, a cancellable `close`. */
export class FakeBrowserWindow extends EventEmitter implements Members<Electron.BrowserWindow> {
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents() as unknown as Electron.WebContents;
  visible: boolean;
  minimized = false;
  focused = false;
  destroyed = false;
  focusCalls = 0;
  loaded: { file?: string; url?: string } = {};
  constructor(...args: ConstructorParameters<typeof Electron.BrowserWindow>) {
    super();
    this.options = args[0] ?? {};
    this.visible = this.options.show !== false;
    windows.push(this);
  }
  static getAllWindows(): Electron.BrowserWindow[] {
    return windows.filter((w) => !w.destroyed) as unknown as Electron.BrowserWindow[];
  }
  get fakeContents(): FakeWebContents {
    return this.webContents as unknown as FakeWebContents;
  }
  loadFile(filePath: string): Promise<void> {
    this.loaded = { file: filePath };
    this.fakeContents.mainFrame.url = pathToFileURL(filePath).href;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.fakeContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }
  focus(): void {
    this.focusCalls += 1;
    this.focused = true;
    this.visible = true;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: `close` is cancellable; if not prevented the window is destroyed (`closed`). */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.fakeContents.destroyed = true;
    this.emit('closed');
  }
  /** Control: the page finished loading (`ready-to-show`). */
  fireReadyToShow(): void {
    this.emit('ready-to-show', fakeEvent());
  }
}

export const BrowserWindow = FakeBrowserWindow;

// ------------------------------------------------------------------- IPC

type InvokeListener = Parameters<Electron.IpcMain['handle']>[1];

/** Who sends an invoke: a webContents and the frame (URL, parent) it came from. */
export interface FakeSender {
  contents: FakeWebContents;
  /** Defaults to the contents' main frame. `null` = the frame is gone. */
  frame?: FakeFrame | null;
}

/** `ipcMain`: `handle` registrations; {@link FakeIpcMain.invoke} calls one as a renderer would. */
export class FakeIpcMain extends EventEmitter implements Members<Electron.IpcMain> {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Control: `ipcRenderer.invoke(channel, ...args)` from `sender`; rejects like Electron when no handler or it throws. */
  async invoke(channel: string, sender: FakeSender, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    const frame = sender.frame === undefined ? sender.contents.mainFrame : sender.frame;
    const event = {
      ...fakeEvent(),
      type: 'frame',
      frameId: frame?.routingId ?? 0,
      processId: frame?.processId ?? 0,
      sender: sender.contents,
      senderFrame: frame,
    } as unknown as Electron.IpcMainInvokeEvent;
    try {
      return await handler(event, ...args);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

export const ipcMain = new FakeIpcMain();

let connectedRenderer: FakeWebContents | undefined;

/**
 * `ipcRenderer` (for the preload): `invoke` goes to {@link ipcMain} as the
 * connected window's main frame; `webContents.send` to that window arrives here.
 */
export class FakeIpcRenderer extends EventEmitter implements Members<Electron.IpcRenderer> {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sentToMain: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    if (!connectedRenderer) return Promise.reject(new Error('fake ipcRenderer: no window connected'));
    return ipcMain.invoke(channel, { contents: connectedRenderer }, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sentToMain.push({ channel, args });
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/** Control: the preload runs in `contents` (its invokes come from that window's main frame). */
export function connectRenderer(contents: Electron.WebContents | FakeWebContents | undefined): void {
  connectedRenderer = contents as FakeWebContents | undefined;
}

/** `contextBridge`: records what the preload exposes, per key. */
export class FakeContextBridge implements Partial<Electron.ContextBridge> {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey))
      throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(apiKey, api);
  }
}

export const contextBridge = new FakeContextBridge();

/** `shell` (electron-store references it; nothing of ours calls it). */
export const shell = {
  openPath(_path: string): Promise<string> {
    return Promise.resolve('');
  },
};

export const app = new FakeApp();

// ----------------------------------------------------- type pins, default

/**
 * Compile-time pins: each singleton and static matches Electron's declaration
 * of the same name, so a changed signature in a new Electron breaks the build.
 */
export const electronFakePins = {
  app: app satisfies Members<Electron.App>,
  globalShortcut: globalShortcut satisfies Partial<Electron.GlobalShortcut>,
  safeStorage: safeStorage satisfies Partial<Electron.SafeStorage>,
  powerMonitor: powerMonitor satisfies Members<Electron.PowerMonitor>,
  net: net satisfies Partial<Electron.Net>,
  ipcMain: ipcMain satisfies Members<Electron.IpcMain>,
  ipcRenderer: ipcRenderer satisfies Members<Electron.IpcRenderer>,
  contextBridge: contextBridge satisfies Partial<Electron.ContextBridge>,
  shell: shell satisfies Partial<Electron.Shell>,
  nativeImage: nativeImage satisfies Partial<
    Pick<typeof Electron.nativeImage, 'createFromPath' | 'createEmpty'>
  >,
  buildFromTemplate: FakeMenu.buildFromTemplate satisfies typeof Electron.Menu.buildFromTemplate,
  getAllWindows: FakeBrowserWindow.getAllWindows satisfies typeof Electron.BrowserWindow.getAllWindows,
  isSupported: FakeNotification.isSupported satisfies typeof Electron.Notification.isSupported,
  session: session satisfies Partial<Pick<typeof Electron.session, 'defaultSession' | 'fromPartition'>>,
};

/** Clears every recording and control (call in `beforeEach`). */
export function resetElectronFake(): void {
  app.reset();
  globalShortcut.reset();
  safeStorage.reset();
  powerMonitor.removeAllListeners();
  net.online = true;
  net.trustedCertificates = [];
  autoUpdater.removeAllListeners();
  partitions.clear();
  ipcMain.reset();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.sentToMain.length = 0;
  contextBridge.exposed.clear();
  connectedRenderer = undefined;
  trays.length = 0;
  notifications.length = 0;
  windows.length = 0;
  FakeNotification.supported = true;
  const defaultSession = fakeDefaultSession();
  defaultSession.requestHandler = null;
  defaultSession.checkHandler = null;
  defaultSession.fakeWebRequest.headersListener = null;
}

/** Default export, for modules that `import electron from 'electron'` (electron-store does). */
export default {
  app,
  autoUpdater,
  BrowserWindow,
  contextBridge,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  session,
  shell,
  Tray,
};
