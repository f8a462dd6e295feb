import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { setUnauthorizedHandler } from './api/client'
import { clearSession } from './stores/session'
import './styles.css'

// Any 401 from the API (expired or revoked session) sends the user to /login.
setUnauthorizedHandler(() => {
  clearSession()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
  }
})

createApp(App).use(i18n).use(ElementPlus).use(router).mount('#app')
