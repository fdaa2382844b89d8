import { RPCClient as UntypedRPCClient } from 'ocpp-rpc';

/**
 * ocpp-rpc's RPCClient with typings a test can use. The library's own declarations list every constructor
 * option as required (it fills in defaults), type `call` as `Promise<unknown>` and require handlers to
 * return a Promise; this subclass only narrows those types -- it adds no behaviour, so a test using it
 * talks to the server exactly as the plain ocpp-rpc client does.
 */

type LibraryOptions = ConstructorParameters<typeof UntypedRPCClient>[0];

/** The options a test passes: the identity, plus whichever of the library's defaults it overrides. */
export type RPCClientOptions = Partial<LibraryOptions> & Pick<LibraryOptions, 'identity'>;

/**
 * An OCPP payload as a test reads it: a JSON object whose fields the test asserts on. Left loose on
 * purpose -- the schemas (strict mode) check the shape on the wire, the test's expectations check the values.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OcppPayload = Record<string, any>;

export interface CallOptions {
  callTimeoutMs?: number;
  signal?: AbortSignal;
  noReply?: boolean;
}

/** What a handler for a CSMS-initiated call receives (see ocpp-rpc's `_onCall`). */
export interface IncomingCall {
  messageId: string;
  method: string;
  params: OcppPayload;
  signal: AbortSignal;
  reply: (value: unknown) => void;
}

/** A handler may answer directly or with a Promise, and may throw an RPCError (createRPCError). */
export type CallHandler = (call: IncomingCall) => OcppPayload | Promise<OcppPayload>;

type LibraryHandler = Exclude<Parameters<UntypedRPCClient['handle']>[0], string>;

export class RPCClient extends UntypedRPCClient {
  constructor(options: RPCClientOptions) {
    super(options as LibraryOptions);
  }

  /** Sends an OCPP call and resolves with the charge point's or CSMS's response payload. */
  override call<Response = OcppPayload>(method: string, params?: object, options?: CallOptions): Promise<Response> {
    return super.call(method, params, options) as Promise<Response>;
  }

  /** Answers calls for one action, or (with only a handler) every action without its own handler. */
  override handle(methodOrHandler: string | CallHandler, handler?: CallHandler): void {
    if (typeof methodOrHandler === 'string') super.handle(methodOrHandler, handler as unknown as LibraryHandler);
    else super.handle(methodOrHandler as unknown as LibraryHandler);
  }
}
