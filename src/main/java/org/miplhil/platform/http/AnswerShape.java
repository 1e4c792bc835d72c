package org.miplhil.platform.http;

/**
 * The JSON form of an answer. The legacy API answers {@code {"errno","error","data"}} (every page of
 * nb-iot/book/application-develop/list/); the current API's device calls answer {@code {"code","msg","request_id",
 * "data"}} (as its clients read it: {@code code == 0} is success). What the current API's {@code /nb-iot} calls
 * answer was not established (docs/onenet.md): the double answers them {@link #ERRNO} unless told {@link #CODE}.
 */
public enum AnswerShape {
    /** {@code {"errno":0,"error":"succ","data":…}}. */
    ERRNO,
    /** {@code {"code":0,"msg":"succ","request_id":"…","data":…}}; a failure's {@code code} is the errno. */
    CODE
}
