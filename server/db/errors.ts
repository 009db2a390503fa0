import { MongoServerError } from "mongodb";

export const isDuplicateKey = (error: unknown) =>
  error instanceof MongoServerError && error.code === 11000;
