package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.run.Schedules;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Quartz schedules of the jobs nodes: state, next and previous fire; pause and resume (audited). */
@Controller
public class SchedulesController {

    private final Schedules schedules;

    public SchedulesController(Schedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/admin/schedules")
    public String list(Model model) {
        model.addAttribute("schedules", schedules.list());
        return "admin/schedules";
    }

    @PostMapping("/admin/schedules/{group}/{name}/{action}")
    public String act(
            @PathVariable String group,
            @PathVariable String name,
            @PathVariable String action,
            Principal principal,
            RedirectAttributes redirect) {
        switch (action) {
            case "pause" -> schedules.pause(group, name, principal.getName());
            case "resume" -> schedules.resume(group, name, principal.getName());
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no action " + action);
        }
        redirect.addFlashAttribute("message", "Schedule " + group + "." + name + ": " + action + "d on every node.");
        return "redirect:/admin/schedules";
    }
}
