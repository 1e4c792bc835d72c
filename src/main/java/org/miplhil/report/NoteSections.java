package org.miplhil.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sections of the BC260Y-CN OneNET application note (v1.1), with the page each starts on, so a
 * case tagged {@code doc:3.3.15} gets a readable Allure feature and a link into the note.
 */
public final class NoteSections {

    /** A section of the note. {@code title} in English; {@code original} as the note writes it. */
    public record Section(String number, String title, String original, int page) {

        /** {@code 3.3.15 AT+MIPLNOTIFY: report data}. */
        public String label() {
            return number + " " + title;
        }

        /** The chapter number: {@code 3} for {@code 3.3.15}. */
        public String chapter() {
            int dot = number.indexOf('.');
            return dot < 0 ? number : number.substring(0, dot);
        }
    }

    private static final Map<String, Section> SECTIONS = new LinkedHashMap<>();

    private static void s(String number, String title, String original, int page) {
        SECTIONS.put(number, new Section(number, title, original, page));
    }

    static {
        s("1", "Introduction", "引言", 6);
        s("2", "OneNET data interaction", "OneNET 数据交互机制", 7);
        s("3", "OneNET AT commands", "OneNET 相关 AT 命令", 8);
        s("3.1", "AT command conventions", "AT 命令说明", 9);
        s("3.1.1", "Definitions", "定义", 9);
        s("3.1.2", "AT command syntax", "AT 命令语句", 9);
        s("3.2", "About the examples", "AT 示例声明", 9);
        s("3.3", "OneNET AT commands in detail", "OneNET 相关 AT 命令详解", 10);
        s("3.3.1", "AT+MIPLCONFIG: access configuration", "AT+MIPLCONFIG OneNET 接入配置", 10);
        s("3.3.2", "AT+MIPLCREATE: create an instance", "AT+MIPLCREATE 创建 OneNET 通信套件实例", 11);
        s("3.3.3", "AT+MIPLDELETE: delete the instance", "AT+MIPLDELETE 删除 OneNET 通信套件实例", 12);
        s("3.3.4", "AT+MIPLVER: SDK version", "AT+MIPLVER 查询 OneNET 通信套件版本", 12);
        s("3.3.5", "AT+MIPLADDOBJ: add an LwM2M object", "AT+MIPLADDOBJ 添加 LwM2M 对象", 13);
        s("3.3.6", "AT+MIPLDELOBJ: delete an LwM2M object", "AT+MIPLDELOBJ 删除 LwM2M 对象", 14);
        s("3.3.7", "AT+MIPLOPEN: register", "AT+MIPLOPEN 发送注册请求", 14);
        s("3.3.8", "AT+MIPLCLOSE: deregister", "AT+MIPLCLOSE 发送注销请求", 15);
        s("3.3.9", "AT+MIPLDISCOVERRSP: answer a discover", "AT+MIPLDISCOVERRSP 响应发现资源请求", 16);
        s("3.3.10", "AT+MIPLOBSERVERSP: answer an observe", "AT+MIPLOBSERVERSP 响应订阅请求", 17);
        s("3.3.11", "AT+MIPLREADRSP: answer a read", "AT+MIPLREADRSP 响应读取请求", 18);
        s("3.3.12", "AT+MIPLWRITERSP: answer a write", "AT+MIPLWRITERSP 响应写入请求", 20);
        s("3.3.13", "AT+MIPLEXECUTERSP: answer an execute", "AT+MIPLEXECUTERSP 响应执行请求", 21);
        s("3.3.14", "AT+MIPLPARAMETERRSP: answer write-attributes", "AT+MIPLPARAMETERRSP 响应写属性请求", 22);
        s("3.3.15", "AT+MIPLNOTIFY: report data", "AT+MIPLNOTIFY 上报数据至 OneNET 平台或应用服务器", 23);
        s("3.3.16", "AT+MIPLUPDATE: update registration", "AT+MIPLUPDATE 发送更新请求", 25);
        s("4", "Error codes", "错误码", 26);
        s("5", "OneNET URCs", "OneNET 平台相关 URC", 27);
        s("5.1", "+MIPLDISCOVER: discover request", "+MIPLDISCOVER 通知 TE 响应平台的发现资源请求", 27);
        s("5.2", "+MIPLOBSERVE: observe request", "+MIPLOBSERVE 通知 TE 响应订阅请求", 28);
        s("5.3", "+MIPLREAD: read request", "+MIPLREAD 通知 TE 响应读取请求", 28);
        s("5.4", "+MIPLWRITE: write request", "+MIPLWRITE 通知 TE 响应写入请求", 29);
        s("5.5", "+MIPLEXECUTE: execute request", "+MIPLEXECUTE 通知 TE 响应执行请求", 30);
        s("5.6", "+MIPLPARAMETER: write-attributes request", "+MIPLPARAMETER 通知 TE 响应写属性请求", 31);
        s("5.7", "+MIPLEVENT: events", "+MIPLEVENT 向 TE 通知事件", 31);
        s("5.8", "+QIND: \"FOTA\",\"START\"", "+QIND: \"FOTA\",\"START\" 模块 DFOTA 升级开始", 32);
        s("5.9", "+QIND: \"FOTA\",\"UPDATING\"", "+QIND: \"FOTA\",\"UPDATING\" 模块 DFOTA 升级进度", 32);
        s("5.10", "+QIND: \"FOTA\",\"END\"", "+QIND: \"FOTA\",\"END\" 模块 DFOTA 升级结果", 33);
        s("6", "OneNET DFOTA", "中国移动 OneNET 平台 DFOTA", 34);
        s("6.1", "DFOTA procedure", "中国移动 OneNET 平台升级流程", 35);
        s("6.1.1", "Download phase", "下载阶段", 36);
        s("6.1.2", "Update phase", "升级阶段", 36);
        s("6.1.3", "After the update", "升级后阶段", 36);
        s("6.2", "DFOTA cautions (power loss)", "注意事项", 36);
        s("6.3", "DFOTA URCs", "OneNET 平台 DFOTA 相关 URC", 37);
        s("7", "Examples", "举例", 38);
        s("7.1", "Initialisation", "初始化工作", 38);
        s("7.2", "Registration and discover", "注册及发现资源操作", 38);
        s("7.2.1", "Register and discover", "注册 OneNET 平台及发现资源", 38);
        s("7.2.2", "Register and discover, bootstrap on", "注册 OneNET 平台及发现资源（使能 Bootstrap）", 39);
        s("7.2.3", "Register and discover, bootstrap off", "注册 OneNET 平台及发现资源（禁用 Bootstrap）", 40);
        s("7.3", "Read", "读取操作", 41);
        s("7.3.1", "Read a resource", "读取资源", 41);
        s("7.3.2", "Read an instance", "读取实例", 41);
        s("7.3.3", "Read an object", "读取对象", 42);
        s("7.4", "Write", "写入操作", 42);
        s("7.4.1", "Write a resource", "写入资源", 42);
        s("7.4.2", "Write an instance", "写入实例", 43);
        s("7.5", "Execute", "执行操作", 43);
        s("7.6", "Write attributes", "写属性操作", 43);
        s("7.7", "Observe", "订阅操作", 43);
        s("7.8", "Notify", "上报数据操作", 44);
        s("7.8.1", "Notify a resource", "上报资源数据", 44);
        s("7.8.2", "Notify an instance", "上报实例数据", 44);
        s("7.8.3", "Notify an object", "上报对象数据", 44);
        s("7.8.4", "Notify a resource with ackId", "使用<ackId>上报资源数据", 45);
        s("7.8.5", "Notify an instance with ackId", "使用<ackId>上报实例数据", 45);
        s("7.9", "Update", "更新操作", 45);
        s("7.10", "OneNET DFOTA example", "OneNET 平台 DFOTA 实例", 46);
        s("7.10.1", "Create a group", "创建群组", 46);
        s("7.10.2", "Add devices to the group", "群组关联设备", 47);
        s("7.10.3", "Add a firmware version", "新增固件版本", 48);
        s("7.10.4", "Upload the delta package", "上传差分升级包", 50);
        s("7.10.5", "Create the update task", "创建升级任务", 51);
        s("7.10.6", "Device update", "设备升级", 52);
        s("7.10.7", "Register the device again", "重新注册设备", 55);
        s("8", "Appendix A: references and abbreviations", "附录 A 参考文档及术语缩写", 56);
    }

    private NoteSections() {
    }

    /** The section {@code number} (e.g. {@code 3.3.15}); a trailing dot is ignored. */
    public static Optional<Section> find(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String n = number.strip();
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return Optional.ofNullable(SECTIONS.get(n));
    }

    /** The section, or the nearest enclosing one the table knows (3.3.15.2 -> 3.3.15). */
    public static Optional<Section> findOrEnclosing(String number) {
        String n = number == null ? "" : number.strip();
        while (!n.isEmpty()) {
            Optional<Section> s = find(n);
            if (s.isPresent()) {
                return s;
            }
            int dot = n.lastIndexOf('.');
            n = dot < 0 ? "" : n.substring(0, dot);
        }
        return Optional.empty();
    }

    /** {@code 3 OneNET AT commands}, or {@code chapter N} when unknown. */
    public static String chapterLabel(String number) {
        String chapter = number == null ? "" : number.strip().split("\\.", 2)[0];
        return find(chapter).map(Section::label).orElse("chapter " + chapter);
    }

    /** Every section, in the note's order. */
    public static Map<String, Section> all() {
        return java.util.Collections.unmodifiableMap(SECTIONS);
    }
}
