// @bankkit/runtime/zip: the files of a base64 zip an answer carries (x-bankkit-unzip). Needs fflate.
export { unzipAnswer, type ZipFile } from "./zip/unzip-answer.js";
