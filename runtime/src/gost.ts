// @bankkit/runtime/gost: GOST R 34.10-2012 signatures in pure JavaScript. Needs @wavesenterprise/crypto-gost-js.
export { gostSigner } from "./sign/gost-signer.js";
