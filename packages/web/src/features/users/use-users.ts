import { useMutation, useQuery } from "@apollo/client/react";
import { CreateUserDocument, SetUserPasswordDocument, UpdateUserDocument, UsersDocument } from "./users.graphql";

export function useUsers() {
  return useQuery(UsersDocument);
}

export function useCreateUser() {
  return useMutation(CreateUserDocument, { refetchQueries: ["Users"] });
}

/** Role, name and active changes come back normalised, so every list showing the user updates. */
export function useUpdateUser() {
  return useMutation(UpdateUserDocument);
}

export function useSetUserPassword() {
  return useMutation(SetUserPasswordDocument);
}
