/**
 * Users and who may do what: roles (viewer, responder, admin), chat identities, and API tokens
 * (stored hashed; the plain token is shown once). No vendor library may be imported here.
 */
package dev.clarion.user;
