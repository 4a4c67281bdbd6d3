// RFC 9457 problem document as sent by every API error.
export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
}
