// @bankkit/runtime/jwt: bank-issued JWTs and verification of a counterparty's JWTs against its JWKS. Needs jose.
export { type BankJwk, type BankJwtClaims, type BankJwtFlow, type BankJwtOptions, bankJwk, bankJwtAuth } from "./auth/bank-jwt.js";
export { JwtRejectedError, type JwtRejection, type JwtVerifierOptions, jwtVerifier } from "./auth/jwt-verifier.js";
