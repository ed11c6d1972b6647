/**
 * The few extension APIs the extension uses, declared by hand (instead of a dependency on @types/chrome):
 * runtime ports and native messaging, and local storage. Shapes follow Chrome's documentation.
 */

declare namespace chrome {
  namespace runtime {
    interface MessageSender {
      readonly id?: string;
      readonly tab?: { readonly id?: number };
      readonly frameId?: number;
    }
    interface PortEvent<T extends (...args: never[]) => void> {
      addListener(listener: T): void;
    }
    interface Port {
      readonly name: string;
      readonly sender?: MessageSender;
      postMessage(message: unknown): void;
      disconnect(): void;
      readonly onMessage: PortEvent<(message: unknown) => void>;
      readonly onDisconnect: PortEvent<(port: Port) => void>;
    }
    const id: string;
    const lastError: { message?: string } | undefined;
    function connect(info: { name: string }): Port;
    function connectNative(application: string): Port;
    const onConnect: PortEvent<(port: Port) => void>;
    const onStartup: PortEvent<() => void>;
    const onInstalled: PortEvent<() => void>;
  }
  namespace storage {
    interface StorageChange {
      readonly newValue?: unknown;
      readonly oldValue?: unknown;
    }
    const local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    const onChanged: {
      addListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
    };
  }
}
